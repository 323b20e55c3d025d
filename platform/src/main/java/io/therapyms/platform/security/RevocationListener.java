package io.therapyms.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.therapyms.events.EventCodec;
import io.therapyms.events.identity.RevocationState;
import io.therapyms.events.InvalidEventException;
import io.therapyms.platform.consumer.PoisonEventException;

/**
 * Every instance of every service reads all of {@code identity.events} (its own consumer group,
 * from the beginning) to know which tokens to refuse. Setting state is idempotent, so no
 * de-duplication table is needed; a poison record goes to the dead-letter topic like everywhere.
 */
@Singleton
public class RevocationListener {

    private static final Logger LOG = Logger.getLogger(RevocationListener.class);
    /** Access tokens live at most 15 minutes; a minute of clock skew on top. */
    static final Duration MAX_TOKEN_LIFETIME = Duration.ofMinutes(16);
    private static final EventCodec CODEC = new EventCodec();

    private final RevocationState state = new RevocationState(MAX_TOKEN_LIFETIME, Clock.systemUTC());
    private final AtomicLong applied = new AtomicLong();

    @Incoming("identity-revocations")
    void on(String record) {
        try {
            state.apply(CODEC.decode(record).data());
        } catch (InvalidEventException e) {
            LOG.warnf("Undecodable identity event sent to the dead-letter topic: %s", e.getMessage());
            throw new PoisonEventException(e.getMessage());
        }
        if (applied.incrementAndGet() % 1000 == 0) {
            state.prune();
        }
    }

    public RevocationState state() {
        return state;
    }
}
