package io.therapyms.scheduling.appointments;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/** An appointment request's status; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "pending", "approved", "rejected", "cancelled" })
public enum AppointmentStatus {
    PENDING, APPROVED, REJECTED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AppointmentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** A stored value; anything else means the item was not written by this service. */
    static AppointmentStatus stored(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalStateException("unknown stored request status: " + value));
    }
}
