package io.therapyms.events;

import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.events.identity.SessionsRevoked;
import io.therapyms.events.identity.TokenRevoked;
import io.therapyms.events.identity.UserDeactivated;
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessCancelled;
import io.therapyms.events.journal.AccessRejected;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.journal.JournalEntryCreated;
import io.therapyms.events.journal.MeasureCompleted;
import io.therapyms.events.journal.MeasureSafetyFlagged;
import io.therapyms.events.messaging.CallEnded;
import io.therapyms.events.messaging.CallStarted;
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
import io.therapyms.events.therapists.MappingCancelled;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.MappingRejected;
import io.therapyms.events.therapists.MappingRequested;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.events.therapists.TherapistVerified;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of published event types. Adding an event means a record, an entry here, a schema
 * and a golden sample; the tests refuse any of them without the others.
 */
public final class EventCatalog {

    private static final Producer AUTH = new Producer("/auth-service", Topics.IDENTITY);
    private static final Producer CLIENT = new Producer("/client-service", Topics.CLIENTS);
    private static final Producer THERAPIST = new Producer("/therapist-service", Topics.THERAPISTS);
    private static final Producer SCHEDULING = new Producer("/scheduling-service", Topics.SCHEDULING);
    private static final Producer JOURNAL = new Producer("/journal-service", Topics.JOURNAL);
    private static final Producer MESSAGING = new Producer("/messaging-service", Topics.MESSAGING);

    // Type strings are spelt out, not derived from class names, so renaming a record cannot change the contract.
    private static final List<EventDescriptor> ALL = List.of(
            AUTH.event("therapy.auth.UserRegistered.v1", UserRegistered.class),
            AUTH.event("therapy.auth.UserDeactivated.v1", UserDeactivated.class),
            AUTH.event("therapy.auth.SessionsRevoked.v1", SessionsRevoked.class),
            AUTH.event("therapy.auth.TokenRevoked.v1", TokenRevoked.class),

            CLIENT.event("therapy.client.ClientProfileCreated.v1", ClientProfileCreated.class),
            CLIENT.event("therapy.client.ClientProfileUpdated.v1", ClientProfileUpdated.class),
            CLIENT.event("therapy.client.ClientDeleted.v1", ClientDeleted.class),

            THERAPIST.event("therapy.therapist.TherapistProfileCreated.v1", TherapistProfileCreated.class),
            THERAPIST.event("therapy.therapist.TherapistProfileUpdated.v1", TherapistProfileUpdated.class),
            THERAPIST.event("therapy.therapist.TherapistVerified.v1", TherapistVerified.class),
            THERAPIST.event("therapy.therapist.TherapistDeleted.v1", TherapistDeleted.class),
            THERAPIST.event("therapy.therapist.MappingRequested.v1", MappingRequested.class),
            THERAPIST.event("therapy.therapist.MappingApproved.v1", MappingApproved.class),
            THERAPIST.event("therapy.therapist.MappingRejected.v1", MappingRejected.class),
            THERAPIST.event("therapy.therapist.MappingCancelled.v1", MappingCancelled.class),
            THERAPIST.event("therapy.therapist.MappingEnded.v1", MappingEnded.class),

            SCHEDULING.event("therapy.scheduling.SlotsCreated.v1", SlotsCreated.class),
            SCHEDULING.event("therapy.scheduling.SlotDeleted.v1", SlotDeleted.class),
            SCHEDULING.event("therapy.scheduling.AppointmentRequested.v1", AppointmentRequested.class),
            SCHEDULING.event("therapy.scheduling.AppointmentApproved.v1", AppointmentApproved.class),
            SCHEDULING.event("therapy.scheduling.AppointmentRejected.v1", AppointmentRejected.class),
            SCHEDULING.event("therapy.scheduling.AppointmentCancelled.v1", AppointmentCancelled.class),
            SCHEDULING.event("therapy.scheduling.SessionUpdated.v1", SessionUpdated.class),

            JOURNAL.event("therapy.journal.JournalEntryCreated.v1", JournalEntryCreated.class),
            JOURNAL.event("therapy.journal.AccessRequested.v1", AccessRequested.class),
            JOURNAL.event("therapy.journal.AccessApproved.v1", AccessApproved.class),
            JOURNAL.event("therapy.journal.AccessRejected.v1", AccessRejected.class),
            JOURNAL.event("therapy.journal.AccessRevoked.v1", AccessRevoked.class),
            JOURNAL.event("therapy.journal.AccessCancelled.v1", AccessCancelled.class),
            JOURNAL.event("therapy.journal.MeasureCompleted.v1", MeasureCompleted.class),
            JOURNAL.event("therapy.journal.MeasureSafetyFlagged.v1", MeasureSafetyFlagged.class),

            MESSAGING.event("therapy.messaging.MessageSent.v1", MessageSent.class),
            MESSAGING.event("therapy.messaging.MessageRead.v1", MessageRead.class),
            MESSAGING.event("therapy.messaging.CallStarted.v1", CallStarted.class),
            MESSAGING.event("therapy.messaging.CallEnded.v1", CallEnded.class));

    private static final Map<String, EventDescriptor> BY_TYPE = index(EventDescriptor::type);
    private static final Map<Class<? extends DomainEvent>, EventDescriptor> BY_CLASS =
            index(EventDescriptor::dataClass);

    private EventCatalog() {
    }

    /** The descriptor of a registered record class; an unregistered class is a programming error. */
    public static EventDescriptor of(Class<? extends DomainEvent> dataClass) {
        EventDescriptor descriptor = BY_CLASS.get(dataClass);
        if (descriptor == null) {
            throw new IllegalArgumentException(dataClass.getName() + " is not registered in the EventCatalog");
        }
        return descriptor;
    }

    public static Optional<EventDescriptor> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static List<EventDescriptor> all() {
        return ALL;
    }

    public static List<EventDescriptor> onTopic(String topic) {
        return ALL.stream().filter(descriptor -> descriptor.topic().equals(topic)).toList();
    }

    /** Fails class initialisation if a type or a record class is registered twice. */
    private static <K> Map<K, EventDescriptor> index(Function<EventDescriptor, K> key) {
        return ALL.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }

    /** A producing service: every type it emits shares its source and topic. */
    private record Producer(String source, String topic) {

        EventDescriptor event(String type, Class<? extends DomainEvent> dataClass) {
            return new EventDescriptor(type, topic, source, dataClass);
        }
    }
}
