package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/** The client withdrew a pending request. */
public record AppointmentCancelled(
        String appointmentRequestId,
        String slotId,
        String clientId,
        String therapistId,
        Instant startTime,
        Instant endTime) implements DomainEvent {

    @Override
    public String aggregateId() {
        return appointmentRequestId;
    }
}
