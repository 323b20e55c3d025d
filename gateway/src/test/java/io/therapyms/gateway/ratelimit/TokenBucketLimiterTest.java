package io.therapyms.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    @Test
    void allowsAMinutesWorthAtOnceThenAsksToWaitForTheNextToken() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(6, 100, clock::get);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        }

        TokenBucketLimiter.Decision denied = limiter.tryAcquire("a");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfterSeconds()).isEqualTo(10);

        advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void asksToWaitAtLeastOneSecond() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(6000, 100, clock::get);
        for (int i = 0; i < 6000; i++) {
            limiter.tryAcquire("a");
        }
        assertThat(limiter.tryAcquire("a").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void forgetsClientsIdleLongEnoughToBeFullAgain() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(60, 100, clock::get);
        limiter.tryAcquire("idle");
        advance(Duration.ofSeconds(30));
        limiter.tryAcquire("recent");
        advance(Duration.ofSeconds(31));

        limiter.tryAcquire("newcomer");

        assertThat(limiter.trackedClients()).isEqualTo(2);
    }

    @Test
    void neverTracksMoreThanTheBoundOfClients() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(60, 3, clock::get);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("client-" + i);
        }
        assertThat(limiter.trackedClients()).isEqualTo(3);
    }
}
