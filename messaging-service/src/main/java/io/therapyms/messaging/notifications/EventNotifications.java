package io.therapyms.messaging.notifications;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessRejected;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.journal.MeasureSafetyFlagged;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentCancelled;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.MappingRejected;
import io.therapyms.events.therapists.MappingRequested;
import io.therapyms.platform.security.Role;

/**
 * Who is told about what. The party who acted is not notified; where the event does not say who
 * acted, the party the workflow waits on is (appointments are requested by clients and decided by
 * therapists; journal access is requested by therapists and decided or revoked by clients). A PHQ-9 safety
 * flag goes to the therapists the event names (those holding an active journal grant).
 */
@Singleton
public class EventNotifications {

    @Inject
    NotificationService notifications;

    /** Every type {@link #apply} acts on (the consumers skip the rest without touching the store): keep in step. */
    public static final Set<Class<? extends DomainEvent>> APPLIED = Set.of(MessageSent.class, MappingRequested.class,
            MappingApproved.class, MappingRejected.class, MappingEnded.class, AppointmentRequested.class,
            AppointmentApproved.class, AppointmentRejected.class, AppointmentCancelled.class, SessionUpdated.class,
            AccessRequested.class, AccessApproved.class, AccessRejected.class, AccessRevoked.class,
            MeasureSafetyFlagged.class);

    public void apply(DecodedEvent event) {
        Object data = event.data();
        if (data instanceof MessageSent m) {
            notifications.raise(event, m.recipientId(), "message.received", m.messageId(), m.senderId());
        } else if (data instanceof MappingRequested m) {
            toOther(event, "mapping.requested", m.mappingRequestId(), m.clientId(), m.therapistId(), m.requestedBy());
        } else if (data instanceof MappingApproved m) {
            toRequester(event, "mapping.approved", m.mappingRequestId(), m.clientId(), m.therapistId(), m.requestedBy());
        } else if (data instanceof MappingRejected m) {
            toRequester(event, "mapping.rejected", m.mappingRequestId(), m.clientId(), m.therapistId(), m.requestedBy());
        } else if (data instanceof MappingEnded m) {
            toOther(event, "mapping.ended", Role.CLIENT_NAME.equals(m.endedBy()) ? m.clientId() : m.therapistId(), m.clientId(), m.therapistId(), m.endedBy());
        } else if (data instanceof AppointmentRequested a) {
            notifications.raise(event, a.therapistId(), "appointment.requested", a.appointmentRequestId(), a.clientId());
        } else if (data instanceof AppointmentApproved a) {
            notifications.raise(event, a.clientId(), "appointment.approved", a.appointmentRequestId(), a.therapistId());
        } else if (data instanceof AppointmentRejected a) {
            notifications.raise(event, a.clientId(), "appointment.rejected", a.appointmentRequestId(), a.therapistId());
        } else if (data instanceof AppointmentCancelled a) {
            notifications.raise(event, a.clientId(), "appointment.cancelled", a.appointmentRequestId(), a.therapistId());
            notifications.raise(event, a.therapistId(), "appointment.cancelled", a.appointmentRequestId(), a.clientId());
        } else if (data instanceof SessionUpdated s) {
            notifications.raise(event, s.clientId(), "session.updated", s.sessionId(), s.therapistId());
        } else if (data instanceof AccessRequested a) {
            notifications.raise(event, a.clientId(), "journal-access.requested", a.journalAccessRequestId(), a.therapistId());
        } else if (data instanceof AccessApproved a) {
            notifications.raise(event, a.therapistId(), "journal-access.approved", a.journalAccessRequestId(), a.clientId());
        } else if (data instanceof AccessRejected a) {
            notifications.raise(event, a.therapistId(), "journal-access.rejected", a.journalAccessRequestId(), a.clientId());
        } else if (data instanceof AccessRevoked a) {
            notifications.raise(event, a.therapistId(), "journal-access.revoked", a.journalAccessRequestId(), a.clientId());
        } else if (data instanceof MeasureSafetyFlagged m) {
            // journal-service named the therapists with an active grant when the questionnaire was stored;
            // the notification id is derived from event and recipient, so a redelivery raises nothing new
            m.therapistIds().forEach(t -> notifications.raise(event, t, "measure-safety-flag", m.measureId(), m.clientId()));
        }
    }

    /** Notifies the party who did not act ({@code actedBy} is a role). */
    private void toOther(DecodedEvent event, String type, String subjectId, String clientId, String therapistId, String actedBy) {
        boolean clientActed = Role.CLIENT_NAME.equals(actedBy);
        notifications.raise(event, clientActed ? therapistId : clientId, type, subjectId, clientActed ? clientId : therapistId);
    }

    /** Notifies the party who requested ({@code requestedBy} is a role); the other party decided. */
    private void toRequester(DecodedEvent event, String type, String subjectId, String clientId, String therapistId, String requestedBy) {
        boolean clientRequested = Role.CLIENT_NAME.equals(requestedBy);
        notifications.raise(event, clientRequested ? clientId : therapistId, type, subjectId, clientRequested ? therapistId : clientId);
    }
}
