package io.therapyms.auth.sessions;

import io.therapyms.platform.errors.UnauthorizedException;

/** One answer for an unknown, expired or spent mfaToken and a wrong, used or replayed code. */
class InvalidSecondFactorException extends UnauthorizedException {

    InvalidSecondFactorException() {
        super("Invalid or expired login step, or a wrong or already used code.");
    }
}
