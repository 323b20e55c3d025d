package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;

/** A linked therapist asked to read a client's journal. */
public record AccessRequested(
        String journalAccessRequestId,
        String clientId,
        String therapistId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return journalAccessRequestId;
    }
}
