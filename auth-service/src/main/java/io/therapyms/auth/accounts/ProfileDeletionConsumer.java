package io.therapyms.auth.accounts;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.platform.consumer.IdempotentConsumer;

/** A deleted client or therapist profile deactivates the account (erasure starts with the login). */
@Singleton
public class ProfileDeletionConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AccountService accounts;

    /** The types {@link #apply} acts on; the topics' other records cost no store call. */
    private static final Set<Class<? extends DomainEvent>> DELETIONS = Set.of(ClientDeleted.class,
            TherapistDeleted.class);

    @Incoming("clients-events")
    @Blocking
    void onClientEvent(String record) {
        consumer.consume(record, DELETIONS, this::apply);
    }

    @Incoming("therapists-events")
    @Blocking
    void onTherapistEvent(String record) {
        consumer.consume(record, DELETIONS, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof ClientDeleted deleted) {
            accounts.deactivateIfPresent(deleted.clientId());
        } else if (event.data() instanceof TherapistDeleted deleted) {
            accounts.deactivateIfPresent(deleted.therapistId());
        }
    }
}
