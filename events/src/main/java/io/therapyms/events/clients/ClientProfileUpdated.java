package io.therapyms.events.clients;

import io.therapyms.events.DomainEvent;

/** A client's profile changed; carries the {@code name} that projections show. */
public record ClientProfileUpdated(String clientId, String name) implements DomainEvent {

    @Override
    public String aggregateId() {
        return clientId;
    }
}
