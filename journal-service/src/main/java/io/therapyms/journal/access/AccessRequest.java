package io.therapyms.journal.access;

import java.time.Instant;

/** A therapist's request to read a client's journal, and its status (pending, approved, rejected, revoked, cancelled, expired). */
public record AccessRequest(String journalAccessRequestId, String clientId, String therapistId, String reason,
        Instant expiresAt, String status, Instant createdAt, Instant updatedAt) {
}
