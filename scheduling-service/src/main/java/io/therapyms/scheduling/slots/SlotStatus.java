package io.therapyms.scheduling.slots;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a slot can still be booked; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "open", "booked" })
public enum SlotStatus {
    OPEN, BOOKED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SlotStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** A stored value; anything else means the item was not written by this service. */
    static SlotStatus stored(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalStateException("unknown stored slot status: " + value));
    }
}
