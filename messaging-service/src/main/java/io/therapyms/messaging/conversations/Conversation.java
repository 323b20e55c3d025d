package io.therapyms.messaging.conversations;

import java.time.Instant;

/** One row of GET /api/conversations; {@code withUserDeleted} is true once the other party erased their account. */
public record Conversation(String withUserId, Instant lastMessageAt, long unreadCount, boolean withUserDeleted) {
}
