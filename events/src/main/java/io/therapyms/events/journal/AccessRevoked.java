package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;

/** The client withdrew a journal access grant. */
public record AccessRevoked(
        String journalAccessRequestId,
        String clientId,
        String therapistId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return journalAccessRequestId;
    }
}
