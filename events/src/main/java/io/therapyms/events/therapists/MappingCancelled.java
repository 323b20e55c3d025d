package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** The requester withdrew a pending mapping request. */
public record MappingCancelled(
        String mappingRequestId,
        String clientId,
        String therapistId,
        String requestedBy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return mappingRequestId;
    }
}
