package io.therapyms.events.identity;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/** Every token of the user issued before {@code revokedBefore} is no longer accepted. */
public record SessionsRevoked(String userId, Instant revokedBefore) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
