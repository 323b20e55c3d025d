package io.therapyms.auth.sessions;

import io.therapyms.platform.errors.ProblemException;

/**
 * 403 to a right password of an account whose role must have a second factor and whose only second
 * factor is a passkey: the password step has no passkey step after it, so the passkey is the way in.
 */
class PasskeyLoginRequiredException extends ProblemException {

    PasskeyLoginRequiredException() {
        super(403, "passkey-login-required", "Sign in with your passkey",
                "This account's second factor is a passkey: sign in with it (or set up an authenticator app too).", null);
    }
}
