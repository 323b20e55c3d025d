package io.therapyms.events.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.therapyms.events.DomainEvent;

/**
 * The projection of {@code identity.events} that every token checker keeps (each service and the
 * gateway): which access tokens to refuse although their signature and expiry are fine — a
 * logged-out token (by jti), every token of a user issued before a password change, every token
 * of a deactivated user. Applying an event twice changes nothing.
 * <p>
 * Memory stays bounded: a revoked jti is forgotten when the token would have expired anyway, and
 * a "revoked before" mark once no token issued before it can still be alive.
 */
public class RevocationState {

    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> revokedBefore = new ConcurrentHashMap<>();
    private final Set<String> deactivatedUsers = ConcurrentHashMap.newKeySet();
    private final Duration maxTokenLifetime;
    private final Clock clock;

    public RevocationState(Duration maxTokenLifetime, Clock clock) {
        this.maxTokenLifetime = maxTokenLifetime;
        this.clock = clock;
    }

    public void apply(DomainEvent event) {
        if (event instanceof TokenRevoked revoked) {
            if (revoked.expiresAt() == null || revoked.expiresAt().isAfter(clock.instant())) {
                revokedTokens.put(revoked.jti(), revoked.expiresAt() == null ? clock.instant().plus(maxTokenLifetime) : revoked.expiresAt());
            }
        } else if (event instanceof SessionsRevoked revoked) {
            revokedBefore.merge(revoked.userId(), revoked.revokedBefore(), (a, b) -> a.isAfter(b) ? a : b);
        } else if (event instanceof UserDeactivated deactivated) {
            deactivatedUsers.add(deactivated.userId());
        }
    }

    /** True if a token with these claims must be refused. */
    public boolean isRevoked(String userId, String jti, Instant issuedAt) {
        if (isDeactivated(userId)) {
            return true;
        }
        if (jti != null && revokedTokens.containsKey(jti)) {
            return true;
        }
        Instant before = userId == null ? null : revokedBefore.get(userId);
        // `iat` has whole seconds: compare seconds, so a token issued just after the revocation in the
        // same second (e.g. the refresh that follows a password change) is not refused.
        return before != null && issuedAt != null && issuedAt.getEpochSecond() < before.getEpochSecond();
    }

    /** True once the user was deactivated (deactivation is final): for what they opened without a token. */
    public boolean isDeactivated(String userId) {
        return userId != null && deactivatedUsers.contains(userId);
    }

    /** Drops what can no longer matter; call now and then. */
    public void prune() {
        Instant now = clock.instant();
        revokedTokens.values().removeIf(expiry -> expiry.isBefore(now));
        revokedBefore.values().removeIf(mark -> mark.plus(maxTokenLifetime).isBefore(now));
    }
}
