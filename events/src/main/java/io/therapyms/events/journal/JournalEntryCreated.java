package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;

/** A client wrote a journal entry; its text never leaves journal-service. */
public record JournalEntryCreated(String journalEntryId, String clientId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return journalEntryId;
    }
}
