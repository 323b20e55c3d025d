package io.therapyms.therapists.clients;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.platform.consumer.IdempotentConsumer;
import io.therapyms.platform.security.Role;
import io.therapyms.therapists.mappings.MappingService;

/** Keeps the known clients (names for caseloads, who may be invited) and erases a deleted client's mappings. */
@Singleton
public class ClientEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    KnownClients clients;

    @Inject
    MappingService mappings;

    @Incoming("clients-events")
    @Blocking
    void onClientEvent(String record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("identity-events")
    @Blocking
    void onIdentityEvent(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof ClientProfileCreated created) {
            clients.profileName(created.clientId(), created.name());
        } else if (event.data() instanceof ClientProfileUpdated updated) {
            clients.profileName(updated.clientId(), updated.name());
        } else if (event.data() instanceof ClientDeleted deleted) {
            clients.deleted(deleted.clientId());
            mappings.endAllOfClient(deleted.clientId());
        } else if (event.data() instanceof UserRegistered registered && Role.CLIENT_NAME.equals(registered.role())) {
            clients.registered(registered.userId(), registered.name());
        }
    }
}
