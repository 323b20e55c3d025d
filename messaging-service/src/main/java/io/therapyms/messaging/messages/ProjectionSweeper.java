package io.therapyms.messaging.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Finishes conversation projections that a crash, or a failed store call, left due. Runs on every
 * instance, periodically from start-up; projecting is idempotent, so two instances sweeping the
 * same message do no harm. Entries younger than the grace period are skipped: their request is
 * most likely still projecting them.
 */
@Singleton
public class ProjectionSweeper {

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(ProjectionSweeper.class);

    @Inject
    MessageRepository messages;

    @Inject
    ConversationProjection projection;

    @ConfigProperty(name = "messaging.projection.grace")
    Duration grace;

    // Not before start-up has finished: the repository's outbox needs the messaging channels wired.
    @Scheduled(every = "${messaging.projection.sweep-every}", delayed = "${messaging.projection.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweepPeriodically() {
        try {
            int settled = sweep(clock.instant().minus(grace));
            if (settled > 0) {
                LOG.infof("settled %d conversation projection(s) left due", settled);
            }
        } catch (RuntimeException e) {
            LOG.warnf("projection sweep failed, will retry: %s", e.toString());
        }
    }

    /** Settles every message whose projection has been due since before {@code cutoff}; returns how many. */
    public int sweep(Instant cutoff) {
        AtomicInteger settled = new AtomicInteger();
        messages.forEachProjectionDueBefore(cutoff, due -> {
            try {
                projection.settle(due);
                settled.incrementAndGet();
            } catch (RuntimeException e) {
                // one failing message must not hold up the others; it stays due for the next sweep
                LOG.warnf("projection of message %s failed, will retry: %s", due.message().messageId(), e.toString());
            }
        });
        return settled.get();
    }
}
