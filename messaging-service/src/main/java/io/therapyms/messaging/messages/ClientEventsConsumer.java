package io.therapyms.messaging.messages;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.messaging.conversations.ConversationRepository;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * clients.events: erasure. The deleted client's messages stay for the other party; each of their
 * conversation items is flagged {@code withUserDeleted} (idempotent SET).
 */
@Singleton
public class ClientEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ConversationRepository conversations;

    @Incoming("clients-events")
    @Blocking
    void on(String record) {
        consumer.consume(record, Set.of(ClientDeleted.class), event -> {
            if (event.data() instanceof ClientDeleted deleted) {
                for (String partner : conversations.partnersOf(deleted.clientId())) {
                    conversations.markOtherDeleted(partner, deleted.clientId());
                }
            }
        });
    }
}
