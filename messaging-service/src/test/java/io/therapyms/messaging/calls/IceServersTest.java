package io.therapyms.messaging.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The three configurations of API.md: TURN (with STUN beside it), STUN only, nothing. */
class IceServersTest {

    private static final Instant CLOSES = Instant.parse("2026-12-01T16:20:00Z");

    @Test
    void withNeitherTheListIsEmpty() {
        assertThat(new IceServers(Optional.empty(), Optional.empty(), Optional.empty()).forUser("u", CLOSES)).isEmpty();
        // empty environment variables count as unset
        assertThat(new IceServers(Optional.of(List.of(" ")), Optional.of(""), Optional.empty()).forUser("u", CLOSES)).isEmpty();
    }

    @Test
    void withOnlyStunUrlsItIsStunWithoutCredentials() {
        assertThat(new IceServers(Optional.empty(), Optional.empty(), Optional.of(List.of("stun:stun.example.org:3478")))
                .forUser("u", CLOSES))
                .containsExactly(new IceServers.IceServer(List.of("stun:stun.example.org:3478"), null, null));
    }

    @Test
    void turnUrlsWithoutTheSecretGiveNoTurnServer() {
        assertThat(new IceServers(Optional.of(List.of("turn:127.0.0.1:3478")), Optional.empty(), Optional.empty())
                .forUser("u", CLOSES)).isEmpty();
    }

    @Test
    void turnCredentialsFollowTheTurnRestConvention() {
        IceServers.IceServer turn = new IceServers(Optional.of(List.of("turn:127.0.0.1:3478")), Optional.of("s3cret"),
                Optional.empty()).forUser("user-1", CLOSES).get(0);
        assertThat(turn.username()).isEqualTo(CLOSES.getEpochSecond() + ":user-1");
        // echo -n "1796142000:user-1" | openssl dgst -sha1 -hmac s3cret -binary | base64
        assertThat(turn.credential()).isEqualTo("lYJnvf73KM03Tu1p5eie1l6f10Q=");
    }
}
