package io.therapyms.messaging.calls;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.SessionUpdated;

/**
 * scheduling.events for the calls: AppointmentApproved creates a session, SessionUpdated changes its
 * status (AppointmentCancelled withdraws a pending request, which has no session yet). A status that
 * withdraws the session closes its open call sockets on every instance.
 */
@Singleton
public class CallSessions {

    @Inject
    SessionRepository sessions;

    @Inject
    SignalRelay relay;

    /** Every type {@link #apply} acts on: keep in step. */
    public static final Set<Class<? extends DomainEvent>> APPLIED = Set.of(AppointmentApproved.class,
            SessionUpdated.class);

    public void apply(DecodedEvent event) {
        if (event.data() instanceof AppointmentApproved approved) {
            sessions.approved(approved.sessionId(), approved.clientId(), approved.therapistId(),
                    approved.startTime(), approved.endTime(), event.envelope().time());
        } else if (event.data() instanceof SessionUpdated updated) {
            sessions.updated(updated.sessionId(), updated.clientId(), updated.therapistId(), updated.status(),
                    event.envelope().time());
            // A status never returns to scheduled, so the event's own status decides, however late it comes.
            if (!CallSession.keepsOpenCalls(updated.status())) {
                relay.closeSession(updated.sessionId());
            }
        }
    }
}
