package io.therapyms.auth.sessions;

import io.therapyms.platform.errors.UnauthorizedException;

/** One answer for every refused passkey login, so a refusal tells an attacker nothing about why. */
class InvalidPasskeyException extends UnauthorizedException {

    InvalidPasskeyException() {
        super("The passkey was not accepted. Try again, or sign in with your password.");
    }
}
