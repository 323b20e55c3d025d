package io.therapyms.analytics.days;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

/**
 * How long a marked day waits for its background recompute: the delay (2 s) for an event applied as it happens,
 * a tenth of its lateness for an event that reaches the consumer late, never more than the maximum (30 s).
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RecomputeWaitTest {

    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Inject
    DayAggregates days;

    @Test
    void theWaitIsATenthOfTheLatenessWithinTheDelayAndTheMaximum() {
        assertThat(DayAggregates.recomputeWait(Duration.ofMillis(300), DELAY, MAX)).isEqualTo(DELAY);
        assertThat(DayAggregates.recomputeWait(Duration.ofMinutes(2), DELAY, MAX)).isEqualTo(Duration.ofSeconds(12));
        assertThat(DayAggregates.recomputeWait(Duration.ofHours(3), DELAY, MAX)).isEqualTo(MAX);
        assertThat(DayAggregates.recomputeWait(Duration.ofMinutes(-5), DELAY, MAX)).as("a clock ahead").isEqualTo(DELAY);
    }

    @Test
    void aDayMarkedWhileALateEventIsAppliedWaitsLongerThanOneMarkedOutsideAnEvent() {
        String late = "late-" + System.nanoTime();
        String current = "current-" + System.nanoTime();
        Instant at = Instant.parse("2027-03-01T12:00:00Z");

        days.applying(Instant.now().minus(Duration.ofMinutes(3)));
        try {
            days.mark(late, at);
        } finally {
            days.applied();
        }
        days.mark(current, at); // on this thread the event is done: no lateness is left over

        assertThat(days.queuedFor(late, DayAggregates.day(at))).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(15), Duration.ofMillis(18_500)));
        assertThat(days.queuedFor(current, DayAggregates.day(at))).hasValueSatisfying(
                wait -> assertThat(wait).isLessThanOrEqualTo(DELAY));
    }
}
