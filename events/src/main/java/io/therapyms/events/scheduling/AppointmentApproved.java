package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/** The therapist approved a request: the slot is booked and the session {@code sessionId} exists. */
public record AppointmentApproved(
        String appointmentRequestId,
        String slotId,
        String clientId,
        String therapistId,
        Instant startTime,
        Instant endTime,
        String sessionId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return appointmentRequestId;
    }
}
