package io.therapyms.therapists.mappings;

import java.util.Locale;

import io.therapyms.platform.errors.BadRequestException;

/** What a party may set a pending mapping request to (the API's {@code status} values). */
enum MappingDecision {
    APPROVED, REJECTED, CANCELLED;

    /** The API and stored spelling. */
    String status() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision named by the request body's {@code status}; anything else is a 400 on that field. */
    static MappingDecision fromStatus(String status) {
        for (MappingDecision decision : values()) {
            if (decision.status().equals(status)) {
                return decision;
            }
        }
        throw BadRequestException.field("status", "must be approved, rejected or cancelled");
    }
}
