package io.therapyms.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** Only a token string that was verified hits, only until its exp; failures are never remembered; bounded. */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final CountingVerifier verifier = new CountingVerifier();

    @Test
    void aVerifiedTokenIsNotVerifiedAgainUntilItExpires() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 16, clock);
        JsonWebToken first = cache.parse("good.token.60");
        assertThat(cache.parse("good.token.60")).isSameAs(first);
        assertThat(verifier.calls).containsExactly("good.token.60");

        clock.now = NOW.plusSeconds(59);
        cache.parse("good.token.60");
        assertThat(verifier.calls).hasSize(1);

        clock.now = NOW.plusSeconds(60); // at exp: the verifier decides again (with its own clock skew)
        cache.parse("good.token.60");
        assertThat(verifier.calls).hasSize(2);
    }

    @Test
    void anotherStringIsVerifiedAndAFailureIsNeverRemembered() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 16, clock);
        cache.parse("good.token.60");
        // the same header and payload with another signature is another string: verified, and refused each time
        assertThatThrownBy(() -> cache.parse("good.token.60-forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse("good.token.60-forged")).isInstanceOf(ParseException.class);
        assertThat(verifier.calls).containsExactly("good.token.60", "good.token.60-forged", "good.token.60-forged");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void anAlreadyExpiredOrExpiryLessTokenIsNotKept() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 16, clock);
        cache.parse("good.token.0"); // exp = now: the verifier's skew let it through, the cache does not keep it
        cache.parse("good.token.none");
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysWithinItsCapacity() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 3, clock);
        for (int i = 0; i < 10; i++) {
            cache.parse("good.token." + (60 + i));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        // the expired ones go first when it is full
        clock.now = NOW.plusSeconds(100);
        cache.parse("good.token.300");
        cache.parse("good.token.301");
        assertThat(cache.size()).isBetween(1, 3);
    }

    @Test
    void sizeZeroVerifiesEveryTime() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 0, clock);
        cache.parse("good.token.60");
        cache.parse("good.token.60");
        assertThat(verifier.calls).hasSize(2);
        assertThat(cache.size()).isZero();
    }

    private final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** "good.token.<seconds to exp>" verifies ("none": no exp claim); anything else is refused. */
    private static final class CountingVerifier extends DefaultJWTParser {
        final List<String> calls = new ArrayList<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.add(token);
            if (!token.matches("good\\.token\\.(\\d+|none)")) {
                throw new ParseException("bad signature");
            }
            String seconds = token.substring("good.token.".length());
            Long exp = seconds.equals("none") ? null : NOW.plus(Duration.ofSeconds(Long.parseLong(seconds))).getEpochSecond();
            return new FakeToken(token, exp);
        }
    }

    private record FakeToken(String raw, Long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "someone";
        }

        @Override
        public Set<String> getClaimNames() {
            return exp == null ? Set.of("raw_token") : Set.of("raw_token", "exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return (T) (claim.equals("exp") ? exp : claim.equals("raw_token") ? raw : null);
        }
    }
}
