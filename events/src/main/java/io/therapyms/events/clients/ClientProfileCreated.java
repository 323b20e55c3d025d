package io.therapyms.events.clients;

import io.therapyms.events.DomainEvent;

/** A client created their profile; {@code clientId} is their user id. */
public record ClientProfileCreated(String clientId, String name) implements DomainEvent {

    @Override
    public String aggregateId() {
        return clientId;
    }
}
