package io.therapyms.messaging.messages;

import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A message as the API shows it; a deleted message keeps its place with {@code content: null}. */
public record Message(String messageId, String senderId, String recipientId, String content, String status,
        Instant timestamp, boolean edited, boolean deleted) {

    static Message from(Map<String, AttributeValue> item) {
        boolean deleted = flag(item, "deleted");
        return new Message(item.get("messageId").s(), item.get("senderId").s(), item.get("recipientId").s(),
                deleted || !item.containsKey("content") ? null : item.get("content").s(),
                item.get("status").s(), Instant.parse(item.get("timestamp").s()), flag(item, "edited"), deleted);
    }

    private static boolean flag(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
    }
}
