package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;

/** The client refused a journal access request. */
public record AccessRejected(
        String journalAccessRequestId,
        String clientId,
        String therapistId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return journalAccessRequestId;
    }
}
