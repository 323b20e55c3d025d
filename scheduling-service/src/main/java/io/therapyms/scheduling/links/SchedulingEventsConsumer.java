package io.therapyms.scheduling.links;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.platform.consumer.IdempotentConsumer;
import io.therapyms.scheduling.appointments.AppointmentService;
import io.therapyms.scheduling.sessions.SessionService;

/** Keeps the links projection and ends a pair's bookings when the link or a party goes away. */
@Singleton
public class SchedulingEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Links links;

    @Inject
    AppointmentService appointments;

    @Inject
    SessionService sessions;

    @Incoming("therapists-events")
    @Blocking
    void onTherapistEvent(String record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("clients-events")
    @Blocking
    void onClientEvent(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof MappingApproved approved) {
            links.set(approved.clientId(), approved.therapistId(), "linked");
        } else if (event.data() instanceof MappingEnded ended) {
            endPair(ended.clientId(), ended.therapistId());
        } else if (event.data() instanceof ClientDeleted deleted) {
            links.ofClient(deleted.clientId()).forEach(p -> endPair(p.clientId(), p.therapistId()));
        } else if (event.data() instanceof TherapistDeleted deleted) {
            links.ofTherapist(deleted.therapistId()).forEach(p -> endPair(p.clientId(), p.therapistId()));
        }
    }

    private void endPair(String clientId, String therapistId) {
        links.set(clientId, therapistId, "ended");
        appointments.rejectPendingOfPair(clientId, therapistId);
        sessions.cancelFutureOfPair(clientId, therapistId);
    }
}
