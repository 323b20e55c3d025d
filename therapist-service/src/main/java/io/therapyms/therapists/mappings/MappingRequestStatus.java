package io.therapyms.therapists.mappings;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

/** A mapping request's status; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "pending", "approved", "rejected", "cancelled" })
public enum MappingRequestStatus {
    PENDING, APPROVED, REJECTED, CANCELLED;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    static Optional<MappingRequestStatus> fromWire(String value) {
        return WireNames.parse(MappingRequestStatus.class, value);
    }

    static MappingRequestStatus stored(String value) {
        return WireNames.stored(MappingRequestStatus.class, value, "mapping request status");
    }
}
