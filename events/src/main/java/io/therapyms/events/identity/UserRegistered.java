package io.therapyms.events.identity;

import io.therapyms.events.DomainEvent;

/** An account was created, by sign-up or as the first admin at start-up. */
public record UserRegistered(String userId, String role, String email, String name) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
