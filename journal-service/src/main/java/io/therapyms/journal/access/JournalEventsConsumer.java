package io.therapyms.journal.access;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.journal.entries.JournalService;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * Links from therapists.events, ordered by event time ({@link LinkRepository}; MappingEnded also ends
 * grants) and erasure from clients.events.
 */
@Singleton
public class JournalEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    LinkRepository links;

    @Inject
    AccessRequestService requests;

    @Inject
    JournalService journal;

    @Incoming("therapists-events")
    @Blocking
    void onTherapistEvent(String record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("clients-events")
    @Blocking
    void onClientEvent(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        Instant at = event.envelope().time();
        if (event.data() instanceof MappingApproved approved) {
            links.link(approved.clientId(), approved.therapistId(), at);
        } else if (event.data() instanceof MappingEnded ended) {
            // an end overtaken by a later approval (a new link of the pair) leaves that link's grants alone
            if (!links.end(ended.clientId(), ended.therapistId(), at).linked()) {
                requests.mappingEnded(ended.clientId(), ended.therapistId());
            }
        } else if (event.data() instanceof ClientDeleted deleted) {
            journal.erase(deleted.clientId());
        }
    }
}
