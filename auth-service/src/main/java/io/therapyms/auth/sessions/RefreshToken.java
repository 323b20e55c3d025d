package io.therapyms.auth.sessions;

import java.time.Instant;

/** One refresh token, stored only as its SHA-256; {@code spent} once it has been rotated. */
record RefreshToken(String tokenHash, String sessionId, String userId, boolean spent, Instant expiresAt) {
}
