package io.therapyms.scheduling.slots;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

/** Whether a slot can still be booked; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "open", "booked" })
public enum SlotStatus {
    OPEN, BOOKED;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    static Optional<SlotStatus> fromWire(String value) {
        return WireNames.parse(SlotStatus.class, value);
    }

    /** A stored value; anything else means the item was not written by this service. */
    static SlotStatus stored(String value) {
        return WireNames.stored(SlotStatus.class, value, "slot status");
    }
}
