package io.therapyms.therapists.mappings;

import io.therapyms.platform.errors.BadRequestException;

/** What a party may set a pending mapping request to (the API's {@code status} values). */
enum MappingDecision {
    APPROVED, REJECTED, CANCELLED;

    /** The request's status once this decision is taken. */
    MappingRequestStatus outcome() {
        return switch (this) {
            case APPROVED -> MappingRequestStatus.APPROVED;
            case REJECTED -> MappingRequestStatus.REJECTED;
            case CANCELLED -> MappingRequestStatus.CANCELLED;
        };
    }

    /** The decision named by the request body's {@code status}; anything else is a 400 on that field. */
    static MappingDecision fromStatus(String status) {
        for (MappingDecision decision : values()) {
            if (decision.outcome().wireName().equals(status)) {
                return decision;
            }
        }
        throw BadRequestException.field("status", "must be approved, rejected or cancelled");
    }
}
