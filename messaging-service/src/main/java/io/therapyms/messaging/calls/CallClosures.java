package io.therapyms.messaging.calls;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.messaging.links.LinkRepository;

/**
 * Every instance reads scheduling.events and therapists.events a second time, in a consumer group of its own
 * ({@code messaging-service-calls-<uuid>}, latest offset), only to close the call sockets it holds when a session
 * is withdrawn or a link ends, and to record that (and a new session) in the projections the calls are checked
 * against.
 * <p>
 * Why not only the shared group {@code messaging-service} (which still applies every event once, and announces
 * the close on {@code messaging.signal}): while that group rebalances, none of its members consumes anything, and
 * a rebalance waits for every member to rejoin, including an instance that died or hangs until the broker drops
 * it (session timeout, 45 s by default). An instance joining or leaving beside such a member kept a cancelled call
 * open for that long. A group of one has no member to wait for. The writes repeat the shared consumer's; both are
 * conditional on the event time, so whichever comes second changes nothing.
 */
@Singleton
public class CallClosures {

    private static final Logger LOG = Logger.getLogger(CallClosures.class);
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    SessionRepository sessions;

    @Inject
    LinkRepository links;

    @Inject
    SignalRelay relay;

    @Incoming("call-closures")
    @Blocking
    void on(String record) {
        DecodedEvent event;
        try {
            event = CODEC.decode(record);
        } catch (RuntimeException poison) {
            return; // the shared consumer dead-letters it
        }
        try {
            if (event.data() instanceof AppointmentApproved approved) {
                // the same stall would otherwise keep a just-booked call closed (404) for as long
                sessions.approved(approved.sessionId(), approved.clientId(), approved.therapistId(),
                        approved.startTime(), approved.endTime(), event.envelope().time());
            } else if (event.data() instanceof SessionUpdated updated && !CallSession.keepsOpenCalls(updated.status())) {
                sessions.updated(updated.sessionId(), updated.clientId(), updated.therapistId(), updated.status(),
                        event.envelope().time());
                relay.closeSessionHere(updated.sessionId());
            } else if (event.data() instanceof MappingEnded ended) {
                links.unlink(ended.clientId(), ended.therapistId(), event.envelope().time());
                relay.closeLinkHere(ended.clientId(), ended.therapistId());
            }
        } catch (RuntimeException e) {
            // The shared consumer applies it with retries and announces the close on messaging.signal.
            LOG.warnf("call closure of event %s not applied here: %s", event.envelope().id(), e.getClass().getSimpleName());
        }
    }
}
