package io.therapyms.journal.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A journal access request's status. The lower-case name is the wire name: the API's {@code status} and
 * the request record's stored {@code status} / the pair's {@code requestStatus}. {@code EXPIRED} is never
 * stored: it is an approved request read after its {@code expiresAt}.
 */
@Schema(type = SchemaType.STRING, enumeration = { "pending", "approved", "rejected", "revoked", "cancelled", "expired" })
public enum AccessRequestStatus {
    PENDING, APPROVED, REJECTED, REVOKED, CANCELLED, EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AccessRequestStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** A stored value; anything else means the item was not written by this service. */
    static AccessRequestStatus stored(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalStateException("unknown stored request status: " + value));
    }
}
