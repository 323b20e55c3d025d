package io.therapyms.auth.sessions;

import io.therapyms.platform.errors.UnauthorizedException;

/** A refresh token that is unknown, expired, spent or of a revoked session. */
class InvalidRefreshTokenException extends UnauthorizedException {

    InvalidRefreshTokenException() {
        super("The refresh token is not valid; log in again.");
    }
}
