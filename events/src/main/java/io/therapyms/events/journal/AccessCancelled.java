package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;

/** The therapist withdrew a pending journal access request. */
public record AccessCancelled(
        String journalAccessRequestId,
        String clientId,
        String therapistId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return journalAccessRequestId;
    }
}
