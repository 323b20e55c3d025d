package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** A client or a therapist asked to be linked; {@code requestedBy} says which side asked. */
public record MappingRequested(
        String mappingRequestId,
        String clientId,
        String therapistId,
        String requestedBy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return mappingRequestId;
    }
}
