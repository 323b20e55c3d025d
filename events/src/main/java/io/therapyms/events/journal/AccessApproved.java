package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/**
 * The client granted journal access until {@code expiresAt}, or, when it is null, until revoked or the mapping
 * ends.
 */
public record AccessApproved(
        String journalAccessRequestId,
        String clientId,
        String therapistId,
        Instant expiresAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return journalAccessRequestId;
    }
}
