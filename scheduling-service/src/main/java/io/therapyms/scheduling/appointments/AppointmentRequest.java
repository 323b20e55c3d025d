package io.therapyms.scheduling.appointments;

import java.time.Instant;

/** A client's request to book a slot. */
public record AppointmentRequest(String appointmentRequestId, String slotId, String clientId, String therapistId,
        Instant startTime, Instant endTime, String note, AppointmentStatus status, Instant createdAt) {

    AppointmentRequest withStatus(AppointmentStatus newStatus) {
        return new AppointmentRequest(appointmentRequestId, slotId, clientId, therapistId, startTime, endTime, note,
                newStatus, createdAt);
    }
}
