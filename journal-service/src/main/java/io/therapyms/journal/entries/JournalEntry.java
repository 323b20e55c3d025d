package io.therapyms.journal.entries;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One journal entry, as returned to those who may see it. */
public record JournalEntry(String journalEntryId, String clientId, String content, String feeling, int intensity,
        Instant time, @JsonProperty("private") boolean isPrivate, Instant createdAt, Instant updatedAt) {
}
