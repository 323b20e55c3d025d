package io.therapyms.messaging.notifications;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.consumer.IdempotentConsumer;

/** scheduling.events, journal.events and our own messaging.events: notifications only. */
@Singleton
public class NotificationEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EventNotifications notifications;

    @Incoming("scheduling-events")
    @Blocking
    void onScheduling(String record) {
        consumer.consume(record, notifications::apply);
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
