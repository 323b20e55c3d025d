package io.therapyms.scheduling.appointments;

import java.util.Arrays;

import io.therapyms.platform.errors.BadRequestException;

/** What a party may set a pending request to (the PUT body's {@code status}), and the status it leads to. */
enum AppointmentDecision {
    APPROVED(AppointmentStatus.APPROVED),
    REJECTED(AppointmentStatus.REJECTED),
    CANCELLED(AppointmentStatus.CANCELLED);

    final AppointmentStatus status;

    AppointmentDecision(AppointmentStatus status) {
        this.status = status;
    }

    /** The decision named by the body's {@code status}; anything else (missing included) is a 400 on that field. */
    static AppointmentDecision fromStatus(String status) {
        return Arrays.stream(values()).filter(d -> d.status.wireName().equals(status)).findFirst()
                .orElseThrow(() -> BadRequestException.field("status", "must be approved, rejected or cancelled"));
    }
}
