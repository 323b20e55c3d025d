package io.therapyms.analytics.days;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Settles the days left dirty: recomputed once more after the settle time (an index Query then sees every fact
 * written before the mark), then out of the dirty index. Runs on every instance; a recompute is idempotent, so two
 * instances sweeping the same day do no harm. Reads only the sparse dirty index, never a Scan.
 */
@Singleton
public class DaySweeper {

    private static final Logger LOG = Logger.getLogger(DaySweeper.class);

    @Inject
    Clock clock;

    @Inject
    DayAggregates days;

    @ConfigProperty(name = "analytics.days.settle")
    Duration settle;

    @Scheduled(every = "${analytics.days.sweep-every}", delayed = "${analytics.days.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweepPeriodically() {
        try {
            int settled = days.sweep(clock.instant().minus(settle));
            if (settled > 0) {
                LOG.debugf("settled %d day aggregate(s)", settled);
            }
        } catch (RuntimeException e) {
            LOG.warnf("day sweep failed, will retry: %s", e.toString());
        }
    }
}
