package io.therapyms.messaging.notifications;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A notification: ids, a type and a time, never content. {@code ownerId} is not shown. */
public record Notification(String notificationId, String type, String subjectId, String actorId, Instant createdAt,
        boolean read, @JsonIgnore String ownerId) {

    static Notification from(Map<String, AttributeValue> item) {
        return new Notification(item.get("notificationId").s(), item.get("type").s(), item.get("subjectId").s(),
                item.containsKey("actorId") ? item.get("actorId").s() : null, Instant.parse(item.get("createdAt").s()),
                item.containsKey("read") && Boolean.TRUE.equals(item.get("read").bool()), item.get("ownerId").s());
    }
}
