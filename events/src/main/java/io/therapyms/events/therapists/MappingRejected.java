package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** The recipient rejected a mapping request. */
public record MappingRejected(
        String mappingRequestId,
        String clientId,
        String therapistId,
        String requestedBy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return mappingRequestId;
    }
}
