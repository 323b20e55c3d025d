package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/** A linked client asked to book a slot. */
public record AppointmentRequested(
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
