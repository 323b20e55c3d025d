package io.therapyms.auth.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * The service's {@link Clock} in auth-service's tests: system time plus an offset a test may move, so
 * lifetimes (an mfaToken's, a passkey challenge's) are tested without sleeping. It replaces the
 * platform's default clock in every {@code @QuarkusTest} of this module; the offset is 0 unless a test
 * shifts it, and such a test puts it back in a {@code finally}.
 */
@Singleton
@Typed(ShiftableClock.class) // the producer below is the one Clock bean
public class ShiftableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Produces
    @Singleton
    Clock clock() {
        return this;
    }

    public void shift(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service clock is UTC");
    }
}
