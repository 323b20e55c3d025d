package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/** A request was rejected, by the therapist or because another request for the same slot was approved. */
public record AppointmentRejected(
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
