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
 * Only the types a handler acts on reach the idempotent consumer's bookkeeping; journal entries, measures and reads,
 * most of these topics' records, are acknowledged without a store call.
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

    @Incoming("journal-events")
    @Blocking
    void onJournal(String record) {
        consumer.consume(record, EventNotifications.APPLIED, notifications::apply);
    }

    @Incoming("messaging-events")
    @Blocking
    void onMessaging(String record) {
        consumer.consume(record, EventNotifications.APPLIED, notifications::apply);
    }

    private static Set<Class<? extends DomainEvent>> union(Set<Class<? extends DomainEvent>> a,
            Set<Class<? extends DomainEvent>> b) {
        Set<Class<? extends DomainEvent>> both = new HashSet<>(a);
        both.addAll(b);
        return Set.copyOf(both);
    }
}
