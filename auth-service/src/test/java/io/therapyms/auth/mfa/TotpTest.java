package io.therapyms.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed: the ASCII of "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}")
    @CsvSource({
        "59,          94287082",
        "1111111109,  07081804",
        "1111111111,  14050471",
        "1234567890,  89005924",
        "2000000000,  69279037",
        "20000000000, 65353130",
    })
    void matchesTheSha1RowsOfRfc6238AppendixB(long epochSeconds, String eightDigits) {
        long step = Totp.step(Instant.ofEpochSecond(epochSeconds));
        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(eightDigits);
        // six digits are the same truncation modulo 10^6: the last six of the RFC's eight
        assertThat(Totp.code(RFC_SEED, step, Totp.DIGITS)).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long current = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current, 6), now)).hasValue(current);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current - 1, 6), now)).hasValue(current - 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current + 1, 6), now)).hasValue(current + 1);
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current - 2, 6), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current + 2, 6), now)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.matchingStep(RFC_SEED, "287082 ", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "28708", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "94287082", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "２８７０８２", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, null, now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, "287082", now)).isPresent();
    }

    @Test
    void base32FollowsRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Base32.decode("mzxw6ytboi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base32.decode(Base32.encode(RFC_SEED))).isEqualTo(RFC_SEED);
    }
}
