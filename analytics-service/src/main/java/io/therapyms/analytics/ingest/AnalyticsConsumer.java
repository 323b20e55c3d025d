package io.therapyms.analytics.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessCancelled;
import io.therapyms.events.journal.AccessRejected;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentCancelled;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotDeleted;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.platform.consumer.IdempotentConsumer;
import io.therapyms.platform.security.Role;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every consumed topic, through the platform's consumer (retries, then the topic's .dlq). Each handler writes facts
 * keyed by the entity's own id and guarded by the event's (time, id), so a repeat or a different order ends in the
 * same items: that is what lets a fresh consumer group replay the history into the tables, and why no
 * de-duplication by event id runs here (two store calls per event saved; ReplayTest delivers every event twice).
 * Types that no figure needs (journal entries, measures, calls, …) are acknowledged without a store call.
 */
@Singleton
public class AnalyticsConsumer {

    /** Every type {@link #apply} acts on: keep in step with its branches (a type left out is never counted). */
    static final Set<Class<? extends DomainEvent>> APPLIED = Set.of(SlotsCreated.class, SlotDeleted.class,
            AppointmentRequested.class, AppointmentApproved.class, AppointmentRejected.class,
            AppointmentCancelled.class, SessionUpdated.class, MessageSent.class, MessageRead.class,
            MappingApproved.class, MappingEnded.class, AccessRequested.class, AccessApproved.class,
            AccessRejected.class, AccessRevoked.class, AccessCancelled.class, TherapistProfileCreated.class,
            TherapistProfileUpdated.class, TherapistDeleted.class, ClientProfileCreated.class,
            ClientProfileUpdated.class, UserRegistered.class, ClientDeleted.class);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    People people;

    @Inject
    SchedulingFacts scheduling;

    @Inject
    MessageFacts messages;

    @Inject
    LinkFacts links;

    @Inject
    Erasure erasure;

    @Inject
    DayAggregates days;

    @Incoming("therapists-events")
    @Blocking
    void onTherapists(String record) {
        consumer.consumeWithoutDeduplication(record, APPLIED, this::apply);
    }

    @Incoming("scheduling-events")
    @Blocking
    void onScheduling(String record) {
        consumer.consumeWithoutDeduplication(record, APPLIED, this::apply);
    }

    @Incoming("messaging-events")
    @Blocking
    void onMessaging(String record) {
        consumer.consumeWithoutDeduplication(record, APPLIED, this::apply);
    }

    @Incoming("journal-events")
    @Blocking
    void onJournal(String record) {
        consumer.consumeWithoutDeduplication(record, APPLIED, this::apply);
    }

    @Incoming("clients-events")
    @Blocking
    void onClients(String record) {
        consumer.consumeWithoutDeduplication(record, APPLIED, this::apply);
    }

    @Incoming("identity-events")
    @Blocking
    void onIdentity(String record) {
        consumer.consumeWithoutDeduplication(record, APPLIED, this::apply);
    }

    void apply(DecodedEvent event) {
        days.applying(event.envelope().time()); // a late event's days wait longer for their recompute
        try {
            applyFacts(event);
        } finally {
            days.applied();
        }
    }

    private void applyFacts(DecodedEvent event) {
        Instant at = event.envelope().time();
        String id = event.envelope().id();
        String version = TimeKeys.version(at, id);
        DomainEvent data = event.data();
        List<People.Client> mentioned = new ArrayList<>();
        Function<String, People.Client> client = clientId -> {
            People.Client resolved = people.client(clientId);
            mentioned.add(resolved);
            return resolved;
        };
        String therapist = null;
        if (data instanceof SlotsCreated e) {
            scheduling.slots(e);
            therapist = e.therapistId();
        } else if (data instanceof SlotDeleted e) {
            scheduling.slotDeleted(e, at);
            therapist = e.therapistId();
        } else if (data instanceof AppointmentRequested e) {
            scheduling.requested(e.appointmentRequestId(), e.therapistId(), client.apply(e.clientId()), at);
            therapist = e.therapistId();
        } else if (data instanceof AppointmentApproved e) {
            People.Client c = client.apply(e.clientId());
            scheduling.decided(e.appointmentRequestId(), e.therapistId(), c, RequestOutcome.APPROVED, at, id);
            scheduling.booked(e.sessionId(), e.therapistId(), c, e.startTime(), e.endTime(), at, id);
            therapist = e.therapistId();
        } else if (data instanceof AppointmentRejected e) {
            scheduling.decided(e.appointmentRequestId(), e.therapistId(), client.apply(e.clientId()), RequestOutcome.REJECTED, at,
                    id);
            therapist = e.therapistId();
        } else if (data instanceof AppointmentCancelled e) {
            scheduling.decided(e.appointmentRequestId(), e.therapistId(), client.apply(e.clientId()),
                    RequestOutcome.CANCELLED, at, id);
            therapist = e.therapistId();
        } else if (data instanceof SessionUpdated e) {
            scheduling.updated(e.sessionId(), e.therapistId(), client.apply(e.clientId()), e.status(), e.cancelledBy(),
                    at, id);
            therapist = e.therapistId();
        } else if (data instanceof MessageSent e) {
            // both parties' erasure markers in one read
            Map<String, People.Client> parties = people.clients(List.of(e.senderId(), e.recipientId()));
            People.Client sender = parties.get(e.senderId());
            People.Client recipient = parties.get(e.recipientId());
            mentioned.addAll(parties.values());
            messages.sent(e.messageId(), sender, recipient, true, at);
            messages.sent(e.messageId(), recipient, sender, false, at);
            people.applied(List.of(sender, recipient).stream().filter(party -> !party.erased()).map(People.Client::id)
                    .toList(), at);
        } else if (data instanceof MessageRead e) {
            messages.read(e.messageId(), client.apply(e.readerId()), at);
        } else if (data instanceof MappingApproved e) {
            links.approved(e.mappingRequestId(), e.therapistId(), client.apply(e.clientId()), at);
            therapist = e.therapistId();
        } else if (data instanceof MappingEnded e) {
            links.ended(id, e.therapistId(), client.apply(e.clientId()), at);
            therapist = e.therapistId();
        } else if (data instanceof AccessRequested e) {
            links.grant(e.journalAccessRequestId(), e.therapistId(), client.apply(e.clientId()), GrantStatus.PENDING,
                    null, at, id);
        } else if (data instanceof AccessApproved e) {
            links.grant(e.journalAccessRequestId(), e.therapistId(), client.apply(e.clientId()), GrantStatus.ACTIVE,
                    e.expiresAt(), at, id);
        } else if (data instanceof AccessRejected e) {
            links.grant(e.journalAccessRequestId(), e.therapistId(), client.apply(e.clientId()), GrantStatus.ENDED,
                    null, at, id);
        } else if (data instanceof AccessRevoked e) {
            links.grant(e.journalAccessRequestId(), e.therapistId(), client.apply(e.clientId()), GrantStatus.ENDED,
                    null, at, id);
        } else if (data instanceof AccessCancelled e) {
            links.grant(e.journalAccessRequestId(), e.therapistId(), client.apply(e.clientId()), GrantStatus.ENDED,
                    null, at, id);
        } else if (data instanceof TherapistProfileCreated e) {
            people.therapistProfile(e.therapistId(), e.name(), e.timezone(), false, version);
        } else if (data instanceof TherapistProfileUpdated e) {
            people.therapistProfile(e.therapistId(), e.name(), e.timezone(), false, version);
        } else if (data instanceof TherapistDeleted e) {
            people.therapistProfile(e.therapistId(), null, null, true, version); // the figures stay, the name goes
        } else if (data instanceof ClientProfileCreated e) {
            if (!client.apply(e.clientId()).erased()) {
                people.clientName(e.clientId(), e.name(), version);
            }
        } else if (data instanceof ClientProfileUpdated e) {
            if (!client.apply(e.clientId()).erased()) {
                people.clientName(e.clientId(), e.name(), version);
            }
        } else if (data instanceof UserRegistered e) {
            if (Role.fromClaim(e.role()).orElse(null) == Role.CLIENT && !client.apply(e.userId()).erased()) {
                people.accountName(e.userId(), e.name());
            }
        } else if (data instanceof ClientDeleted e) {
            erasure.erase(e.clientId(), at);
        }
        // every other type: no figure needs it
        if (therapist != null) {
            people.therapist(therapist);
            people.applied(List.of(therapist), at);
        }
        // A client erased while this event was being written: what was just filed under their id goes too (their
        // timeline, so a message copy too: the sweep finds it there). One read of every party's marker.
        List<String> written = mentioned.stream().filter(party -> !party.erased()).map(People.Client::realId).toList();
        people.erasureTokens(written).forEach(erasure::sweep);
    }
}
