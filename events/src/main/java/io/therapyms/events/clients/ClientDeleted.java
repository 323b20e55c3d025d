package io.therapyms.events.clients;

import io.therapyms.events.DomainEvent;

/** A client profile was deleted; consumers erase what they hold about the client. */
public record ClientDeleted(String clientId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return clientId;
    }
}
