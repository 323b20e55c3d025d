package io.therapyms.events.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RevocationStateTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00.500Z");
    private final RevocationState state = new RevocationState(Duration.ofMinutes(16), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void refusesARevokedTokenById() {
        state.apply(new TokenRevoked("u1", "jti-1", NOW.plusSeconds(600)));
        assertThat(state.isRevoked("u1", "jti-1", NOW.minusSeconds(10))).isTrue();
        assertThat(state.isRevoked("u1", "jti-2", NOW.minusSeconds(10))).isFalse();
    }

    @Test
    void refusesTokensIssuedBeforeASessionsRevocationInWholeSeconds() {
        state.apply(new SessionsRevoked("u1", NOW));
        assertThat(state.isRevoked("u1", "a", NOW.minusSeconds(1))).isTrue();
        // issued in the same second as the revocation (e.g. the refresh right after it): accepted
        assertThat(state.isRevoked("u1", "b", Instant.parse("2026-12-01T12:00:00Z"))).isFalse();
        assertThat(state.isRevoked("u2", "c", NOW.minusSeconds(60))).isFalse();
    }

    @Test
    void refusesEveryTokenOfADeactivatedUser() {
        state.apply(new UserDeactivated("u1"));
        assertThat(state.isRevoked("u1", "any", NOW.plusSeconds(5))).isTrue();
    }

    @Test
    void applyingAnEventTwiceChangesNothing() {
        TokenRevoked revoked = new TokenRevoked("u1", "jti-1", NOW.plusSeconds(600));
        state.apply(revoked);
        state.apply(revoked);
        assertThat(state.isRevoked("u1", "jti-1", NOW)).isTrue();
    }

    @Test
    void forgetsRevocationsThatCanNoLongerMatter() {
        RevocationState later = new RevocationState(Duration.ofMinutes(16), Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        later.apply(new TokenRevoked("u1", "jti-old", NOW.plusSeconds(600))); // already expired then
        later.prune();
        assertThat(later.isRevoked("u1", "jti-old", NOW)).isFalse();
    }
}
