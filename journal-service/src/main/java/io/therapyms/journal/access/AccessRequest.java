package io.therapyms.journal.access;

import java.time.Instant;

/** A therapist's request to read a client's journal, and its status. */
public record AccessRequest(String journalAccessRequestId, String clientId, String therapistId, String reason,
        Instant expiresAt, AccessRequestStatus status, Instant createdAt, Instant updatedAt) {

    /** The same request with a new status, decided at {@code at}. */
    AccessRequest withStatus(AccessRequestStatus newStatus, Instant at) {
        return new AccessRequest(journalAccessRequestId, clientId, therapistId, reason, expiresAt, newStatus, createdAt, at);
    }
}
