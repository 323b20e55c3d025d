package io.therapyms.auth.sessions;

import io.therapyms.platform.errors.UnauthorizedException;

/** The one answer for an unknown email, a wrong password and a deactivated account alike. */
class InvalidCredentialsException extends UnauthorizedException {

    InvalidCredentialsException() {
        super("Invalid email or password.");
    }
}
