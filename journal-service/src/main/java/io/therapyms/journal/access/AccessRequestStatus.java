package io.therapyms.journal.access;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

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
        return WireNames.of(this);
    }

    static Optional<AccessRequestStatus> fromWire(String value) {
        return WireNames.parse(AccessRequestStatus.class, value);
    }

    /** A stored value; anything else means the item was not written by this service. */
    static AccessRequestStatus stored(String value) {
        return WireNames.stored(AccessRequestStatus.class, value, "request status");
    }
}
