package io.therapyms.messaging.notifications;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.messaging.calls.CallSessions;
import io.therapyms.platform.consumer.IdempotentConsumer;

/** scheduling.events (also the calls' session projection), journal.events and our own messaging.events: notifications. */
@Singleton
public class NotificationEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EventNotifications notifications;

    @Inject
    CallSessions callSessions;

    @Incoming("scheduling-events")
    @Blocking
    void onScheduling(String record) {
        consumer.consume(record, event -> {
            callSessions.apply(event);
            notifications.apply(event);
        });
    }

    @Incoming("journal-events")
    @Blocking
    void onJournal(String record) {
        consumer.consume(record, notifications::apply);
    }

    @Incoming("messaging-events")
    @Blocking
    void onMessaging(String record) {
        consumer.consume(record, notifications::apply);
    }
}
