package io.therapyms.clients.links;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.clients.profiles.ClientRepository;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * The follow-up writes of a profile change, driven by this service's own clients.events so they
 * survive a crash right after the request: the links' search key follows the client's name, and
 * a deleted client's links go. The request path does the same at once; both are idempotent, and
 * events of one client arrive in order, so the last name wins.
 */
@Singleton
public class OwnClientEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    LinkRepository links;

    @Incoming("clients-events")
    @Blocking
    void on(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof ClientProfileCreated created) {
            links.renameClient(created.clientId(), ClientRepository.directoryKey(created.name(), created.clientId()));
        } else if (event.data() instanceof ClientProfileUpdated updated) {
            links.renameClient(updated.clientId(), ClientRepository.directoryKey(updated.name(), updated.clientId()));
        } else if (event.data() instanceof ClientDeleted deleted) {
            links.deleteClient(deleted.clientId());
        }
    }
}
