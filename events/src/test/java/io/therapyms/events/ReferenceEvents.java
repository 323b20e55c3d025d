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
import io.therapyms.events.journal.MeasureCompleted;
import io.therapyms.events.journal.MeasureSafetyFlagged;
import io.therapyms.events.journal.JournalEntryCreated;
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
import java.time.Instant;
import java.util.List;

/** One record per event type, holding exactly the values of its golden sample. */
final class ReferenceEvents {

    static final String CLIENT = "3f2c8a4e-7b1d-4c2e-9a65-1d8e0b7c4f21";
    static final String THERAPIST = "8d4e6b2a-1c3f-4e5d-a7b9-2f0c6e8d1a34";
    static final String MAPPING_REQUEST = "c7a1e9d3-5b2f-4a8e-b6c4-0e9d7f3a2b15";
    static final String SLOT = "1e6f0a9c-2d4b-4f7e-8c3a-5b9d2e1f6a07";
    static final String SLOT_2 = "6a2d9e4f-8b1c-4d3a-9e5f-7c0b4a8d2e63";
    static final String APPOINTMENT_REQUEST = "e4b7c2d9-6a1f-4e8b-a3d5-9c2f7b0e4a18";
    static final String SESSION = "b9e3f1a7-4c8d-4b2e-9f6a-3d7c1e5b8a92";
    static final String JOURNAL_ENTRY = "5d8a2c6e-9f3b-4a1d-8e7c-2b6f0d4a9c35";
    static final String ACCESS_REQUEST = "a2f6d0b8-3e7c-4d9a-b1f5-8e4c2a6d0b71";
    static final String MEASURE = "d1c5a9e3-7f2b-4e6d-9a8c-3b7f1e5d9c46";
    static final String MESSAGE = "7c1b5e9a-0d4f-4c8b-a2e6-4f9d3b7c1e58";
    static final String JTI = "f0a4c8e2-6b9d-4e1f-a7c3-1d5b9f2e6a84";
    static final Instant START = Instant.parse("2026-12-01T15:00:00Z");
    static final Instant END = Instant.parse("2026-12-01T15:50:00Z");

    static final List<DomainEvent> ALL = List.of(
            new UserRegistered(CLIENT, "client", "maya.okafor@example.com", "Maya Okafor"),
            new UserDeactivated(CLIENT),
            new SessionsRevoked(CLIENT, Instant.parse("2026-11-20T09:30:00Z")),
            new TokenRevoked(CLIENT, JTI, Instant.parse("2026-11-20T10:15:00Z")),
            new ClientProfileCreated(CLIENT, "Maya Okafor"),
            new ClientProfileUpdated(CLIENT, "Maya Okafor-Reyes"),
            new ClientDeleted(CLIENT),
            new TherapistProfileCreated(THERAPIST, "Lena Brandt", false),
            new TherapistProfileUpdated(THERAPIST, "Lena Brandt", true, "Europe/Berlin"),
            new TherapistVerified(THERAPIST, true),
            new TherapistDeleted(THERAPIST),
            new MappingRequested(MAPPING_REQUEST, CLIENT, THERAPIST, "client"),
            new MappingApproved(MAPPING_REQUEST, CLIENT, THERAPIST, "client"),
            new MappingRejected(MAPPING_REQUEST, CLIENT, THERAPIST, "therapist"),
            new MappingCancelled(MAPPING_REQUEST, CLIENT, THERAPIST, "client"),
            new MappingEnded(CLIENT, THERAPIST, "therapist"),
            new SlotsCreated(THERAPIST, List.of(SLOT, SLOT_2), List.of(new SlotsCreated.SlotTimes(SLOT, START, END),
                    new SlotsCreated.SlotTimes(SLOT_2, START.plusSeconds(3600), END.plusSeconds(3600)))),
            new SlotDeleted(SLOT_2, THERAPIST, START.plusSeconds(3600), END.plusSeconds(3600)),
            new AppointmentRequested(APPOINTMENT_REQUEST, SLOT, CLIENT, THERAPIST, START, END),
            new AppointmentApproved(APPOINTMENT_REQUEST, SLOT, CLIENT, THERAPIST, START, END, SESSION),
            new AppointmentRejected(APPOINTMENT_REQUEST, SLOT, CLIENT, THERAPIST, START, END),
            new AppointmentCancelled(APPOINTMENT_REQUEST, SLOT, CLIENT, THERAPIST, START, END),
            new SessionUpdated(SESSION, CLIENT, THERAPIST, "completed"),
            new JournalEntryCreated(JOURNAL_ENTRY, CLIENT),
            new AccessRequested(ACCESS_REQUEST, CLIENT, THERAPIST),
            new AccessApproved(ACCESS_REQUEST, CLIENT, THERAPIST, Instant.parse("2027-01-15T00:00:00Z")),
            new AccessRejected(ACCESS_REQUEST, CLIENT, THERAPIST),
            new AccessRevoked(ACCESS_REQUEST, CLIENT, THERAPIST),
            new AccessCancelled(ACCESS_REQUEST, CLIENT, THERAPIST),
            new MeasureCompleted(MEASURE, CLIENT, "PHQ-9", Instant.parse("2026-11-21T08:05:00Z")),
            new MeasureSafetyFlagged(MEASURE, CLIENT, List.of(THERAPIST)),
            new MessageSent(MESSAGE, CLIENT, THERAPIST),
            new MessageRead(MESSAGE, THERAPIST),
            new CallStarted(SESSION, CLIENT, THERAPIST, Instant.parse("2026-12-01T15:01:30Z")),
            new CallEnded(SESSION, CLIENT, THERAPIST, Instant.parse("2026-12-01T15:50:40Z"), 2950));

    private ReferenceEvents() {
    }
}
