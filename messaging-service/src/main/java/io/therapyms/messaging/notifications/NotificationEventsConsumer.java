package io.therapyms.messaging.notifications;

import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DomainEvent;
import io.therapyms.messaging.calls.CallSessions;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * scheduling.events (also the calls' session projection), journal.events and our own messaging.events: notifications.
 * Only the types a handler acts on reach the store; journal entries, measures and reads, most of these topics'
 * records, are acknowledged without a store call.
 */
@Singleton
public class NotificationEventsConsumer {

    private static final Set<Class<? extends DomainEvent>> SCHEDULING = union(CallSessions.APPLIED,
            EventNotifications.APPLIED);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    EventNotifications notifications;

    @Inject
    CallSessions callSessions;

    @Incoming("scheduling-events")
    @Blocking
    void onScheduling(String record) {
        consumer.consume(record, SCHEDULING, event -> {
            callSessions.apply(event);
            notifications.apply(event);
        });
    }

    /*
     * Raising a notification is idempotent by itself: its id is derived from the event and the recipient, the write
     * is conditional and only the first write is pushed (NotificationService.raise). So these two topics, whose
     * handler does nothing else, skip the consumer's de-duplication read and write: under a bulk load of messages
     * those were two of the three store calls per MessageSent, and notifications fell minutes behind. Scheduling
     * keeps them, because the call sessions are applied there too.
     */

    @Incoming("journal-events")
    @Blocking
    void onJournal(String record) {
        consumer.consumeWithoutDeduplication(record, EventNotifications.APPLIED, notifications::apply);
    }

    @Incoming("messaging-events")
    @Blocking
    void onMessaging(String record) {
        consumer.consumeWithoutDeduplication(record, EventNotifications.APPLIED, notifications::apply);
    }

    private static Set<Class<? extends DomainEvent>> union(Set<Class<? extends DomainEvent>> a,
            Set<Class<? extends DomainEvent>> b) {
        Set<Class<? extends DomainEvent>> both = new HashSet<>(a);
        both.addAll(b);
        return Set.copyOf(both);
    }
}
