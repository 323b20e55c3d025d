package io.therapyms.events.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
    void pruneForgetsExpiredRevocationsAndKeepsLiveOnes() {
        MovableClock clock = new MovableClock(NOW);
        RevocationState pruned = new RevocationState(Duration.ofMinutes(16), clock);
        pruned.apply(new TokenRevoked("u1", "jti-expiring", NOW.plusSeconds(600)));
        pruned.apply(new TokenRevoked("u1", "jti-live", NOW.plusSeconds(7200)));
        pruned.apply(new SessionsRevoked("u1", NOW));                   // matters until NOW + 16 min
        pruned.apply(new SessionsRevoked("u2", NOW.plusSeconds(3000))); // matters until NOW + 66 min

        clock.now = NOW.plusSeconds(3600);
        pruned.prune();

        // isRevoked does not look at expiry itself, so a false here means prune removed the entry
        assertThat(pruned.isRevoked("u1", "jti-expiring", null)).isFalse();
        assertThat(pruned.isRevoked("u1", "jti-live", null)).isTrue();
        assertThat(pruned.isRevoked("u1", "other", NOW.minusSeconds(10))).isFalse();
        assertThat(pruned.isRevoked("u2", "other", NOW.plusSeconds(2990))).isTrue();
    }

    @Test
    void everythingIsStillRefusedBeforePruneRuns() {
        MovableClock clock = new MovableClock(NOW);
        RevocationState unpruned = new RevocationState(Duration.ofMinutes(16), clock);
        unpruned.apply(new TokenRevoked("u1", "jti-expiring", NOW.plusSeconds(600)));
        unpruned.apply(new SessionsRevoked("u1", NOW));
        clock.now = NOW.plusSeconds(3600);
        // the baseline the prune test relies on: without prune the expired entries still answer
        assertThat(unpruned.isRevoked("u1", "jti-expiring", null)).isTrue();
        assertThat(unpruned.isRevoked("u1", "other", NOW.minusSeconds(10))).isTrue();
    }

    @Test
    void aRevocationThatArrivesAlreadyExpiredIsNotKept() {
        RevocationState later = new RevocationState(Duration.ofMinutes(16), Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        later.apply(new TokenRevoked("u1", "jti-old", NOW.plusSeconds(600)));
        assertThat(later.isRevoked("u1", "jti-old", NOW)).isFalse();
    }

    /** A clock the test moves forward, so one state sees a revocation live and then expired. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
