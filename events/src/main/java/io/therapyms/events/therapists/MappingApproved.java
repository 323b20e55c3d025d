package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** The recipient approved a mapping request: the client and the therapist are now linked. */
public record MappingApproved(
        String mappingRequestId,
        String clientId,
        String therapistId,
        String requestedBy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return mappingRequestId;
    }
}
