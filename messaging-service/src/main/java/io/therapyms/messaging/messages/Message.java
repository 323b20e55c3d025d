package io.therapyms.messaging.messages;

import java.time.Instant;

/** A message as the API shows it; a deleted message keeps its place with {@code content: null}. */
public record Message(String messageId, String senderId, String recipientId, String content, MessageStatus status,
        Instant timestamp, boolean edited, boolean deleted) {
}
