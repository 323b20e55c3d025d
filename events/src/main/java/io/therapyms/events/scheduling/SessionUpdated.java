package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;

/** A session was updated; carries its current {@code status}. Session notes never leave scheduling-service. */
public record SessionUpdated(
        String sessionId,
        String clientId,
        String therapistId,
        String status) implements DomainEvent {

    @Override
    public String aggregateId() {
        return sessionId;
    }
}
