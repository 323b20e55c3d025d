package io.therapyms.scheduling.links;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.platform.consumer.IdempotentConsumer;
import io.therapyms.scheduling.appointments.AppointmentService;
import io.therapyms.scheduling.calendar.CalendarService;
import io.therapyms.scheduling.calendar.PartyNames;
import io.therapyms.scheduling.sessions.SessionService;
import io.therapyms.scheduling.slots.SlotService;

/**
 * Keeps the links projection (ordered by event time, see {@link Links}) and ends a pair's bookings when the link or a party goes away: pending
 * requests rejected, future sessions cancelled (their slots reopen); a deleted therapist's open slots
 * are withdrawn. Also keeps the names calendar feeds show (profile events) and drops an erased user's feed.
 */
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

    @Inject
    SlotService slots;

    @Inject
    PartyNames names;

    @Inject
    CalendarService calendar;

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
        Instant at = event.envelope().time();
        if (event.data() instanceof MappingApproved approved) {
            links.link(approved.clientId(), approved.therapistId(), at);
        } else if (event.data() instanceof MappingEnded ended) {
            // an end overtaken by a later approval (a new link of the pair) leaves that link's bookings alone
            if (!links.end(ended.clientId(), ended.therapistId(), at).linked()) {
                appointments.rejectPendingOfPair(ended.clientId(), ended.therapistId());
                sessions.cancelFutureOfPair(ended.clientId(), ended.therapistId());
            }
        } else if (event.data() instanceof ClientDeleted deleted) {
            // links first: from here on no new request or approval of the client's gets through
            links.ofClient(deleted.clientId()).forEach(p -> links.close(p.clientId(), p.therapistId(), at));
            appointments.rejectPendingOfClient(deleted.clientId());
            sessions.cancelFutureOfClient(deleted.clientId());
            calendar.erase(deleted.clientId());
        } else if (event.data() instanceof TherapistDeleted deleted) {
            links.ofTherapist(deleted.therapistId()).forEach(p -> links.close(p.clientId(), p.therapistId(), at));
            appointments.rejectPendingOfTherapist(deleted.therapistId());
            sessions.cancelFutureOfTherapist(deleted.therapistId());
            // after the cancellations, which reopen their slots
            slots.withdrawOpenSlotsOf(deleted.therapistId());
            calendar.erase(deleted.therapistId());
        } else if (event.data() instanceof ClientProfileCreated profile) {
            names.named(profile.clientId(), profile.name(), at);
        } else if (event.data() instanceof ClientProfileUpdated profile) {
            names.named(profile.clientId(), profile.name(), at);
        } else if (event.data() instanceof TherapistProfileCreated profile) {
            names.named(profile.therapistId(), profile.name(), at);
        } else if (event.data() instanceof TherapistProfileUpdated profile) {
            names.named(profile.therapistId(), profile.name(), at);
        }
    }
}
