package io.therapyms.scheduling.sessions;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

/**
 * A session's status. The lower-case name is the wire name: the API's {@code status}, the stored
 * {@code status} and SessionUpdated's {@code status}.
 */
@Schema(type = SchemaType.STRING, enumeration = { "scheduled", "completed", "cancelled", "no_show" })
public enum SessionStatus {
    SCHEDULED, COMPLETED, CANCELLED, NO_SHOW;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    static Optional<SessionStatus> fromWire(String value) {
        return WireNames.parse(SessionStatus.class, value);
    }

    /** A stored value; anything else means the item was not written by this service. */
    static SessionStatus stored(String value) {
        return WireNames.stored(SessionStatus.class, value, "session status");
    }
}
