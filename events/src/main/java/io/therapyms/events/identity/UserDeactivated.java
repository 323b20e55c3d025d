package io.therapyms.events.identity;

import io.therapyms.events.DomainEvent;

/** An account was deactivated and can no longer log in. */
public record UserDeactivated(String userId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
