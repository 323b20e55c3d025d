package io.therapyms.events.identity;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/**
 * One access token, named by its JWT id, is no longer accepted; after {@code expiresAt} it would have expired
 * anyway.
 */
public record TokenRevoked(String userId, String jti, Instant expiresAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
