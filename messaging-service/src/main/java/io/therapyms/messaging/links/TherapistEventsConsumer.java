package io.therapyms.messaging.links;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.messaging.calls.SignalRelay;
import io.therapyms.messaging.notifications.EventNotifications;
import io.therapyms.platform.consumer.IdempotentConsumer;

/** therapists.events: the link projection (an ended link closes the pair's call sockets), and the mapping notifications. */
@Singleton
public class TherapistEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    LinkRepository links;

    @Inject
    EventNotifications notifications;

    @Inject
    SignalRelay calls;

    @Incoming("therapists-events")
    @Blocking
    void on(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof MappingApproved approved) {
            links.link(approved.clientId(), approved.therapistId(), event.envelope().time());
        } else if (event.data() instanceof MappingEnded ended) {
            links.unlink(ended.clientId(), ended.therapistId(), event.envelope().time());
            // after the write, so that a socket joining meanwhile is refused by its own check
            calls.closeLink(ended.clientId(), ended.therapistId());
        }
        notifications.apply(event);
    }
}
