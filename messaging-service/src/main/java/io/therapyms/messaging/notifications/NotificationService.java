package io.therapyms.messaging.notifications;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DecodedEvent;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.Caller;

/** Raises notifications from events (once per event and recipient) and serves them to their owner. */
@Singleton
public class NotificationService {

    @Inject
    Clock clock;

    @Inject
    NotificationRepository notifications;

    @Inject
    Event<NotificationRaised> raised;

    /**
     * Raises a notification for {@code recipientId}. The id is derived from the event id and the
     * recipient, and the write is conditional, so a repeated event raises nothing new.
     */
    public void raise(DecodedEvent event, String recipientId, String type, String subjectId, String actorId) {
        if (recipientId == null) {
            return;
        }
        String id = UUID.nameUUIDFromBytes((event.envelope().id() + ":" + recipientId).getBytes(StandardCharsets.UTF_8)).toString();
        Instant at = event.envelope().time() == null ? clock.instant() : event.envelope().time();
        Notification notification = new Notification(id, type, subjectId, actorId, at, false, recipientId);
        if (notifications.insert(notification)) {
            raised.fire(new NotificationRaised(notification));
        }
    }

    public Page<Notification> list(Caller caller, boolean unreadOnly, PageRequest page) {
        return notifications.of(caller.userId(), unreadOnly, page);
    }

    public Notification markRead(Caller caller, String notificationId) {
        Notification found = notifications.find(notificationId)
                .filter(n -> n.ownerId().equals(caller.userId()))
                .orElseThrow(NotificationNotFoundException::new);
        notifications.markRead(found.notificationId());
        return notifications.find(notificationId).orElseThrow(NotificationNotFoundException::new);
    }

    public void markAllRead(Caller caller) {
        notifications.markAllRead(caller.userId());
    }
}
