package io.therapyms.auth.sessions;

import java.time.Instant;

/**
 * A login: the family of refresh tokens that rotate from it, with an absolute expiry that rotation
 * never extends. {@code lastAccessJti} is the newest access token issued in it, revoked with it.
 */
record Session(String sessionId, String userId, String accountEmail, Instant expiresAt, boolean revoked,
        String lastAccessJti, Instant lastAccessExpiresAt) {
}
