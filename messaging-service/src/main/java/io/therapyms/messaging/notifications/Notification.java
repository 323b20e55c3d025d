package io.therapyms.messaging.notifications;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A notification: ids, a type and a time, never content. {@code ownerId} is not shown. */
public record Notification(String notificationId, String type, String subjectId, String actorId, Instant createdAt,
        boolean read, @JsonIgnore String ownerId) {
}
