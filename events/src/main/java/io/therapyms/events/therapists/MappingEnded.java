package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** A client-therapist link ended; grants that depended on it, such as journal access, end with it. */
public record MappingEnded(String clientId, String therapistId, String endedBy) implements DomainEvent {

    @Override
    public String aggregateId() {
        return clientId;
    }
}
