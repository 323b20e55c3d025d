package io.therapyms.therapists.mappings;

import java.time.Instant;

/** A mapping request as the API shows it. */
public record MappingRequest(String mappingRequestId, String clientId, String therapistId, String requestedBy,
        MappingRequestStatus status, Instant createdAt) {
}
