package io.therapyms.scheduling.appointments;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

/** An appointment request's status; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "pending", "approved", "rejected", "cancelled" })
public enum AppointmentStatus {
    PENDING, APPROVED, REJECTED, CANCELLED;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    static Optional<AppointmentStatus> fromWire(String value) {
        return WireNames.parse(AppointmentStatus.class, value);
    }

    /** A stored value; anything else means the item was not written by this service. */
    static AppointmentStatus stored(String value) {
        return WireNames.stored(AppointmentStatus.class, value, "request status");
    }
}
