package io.therapyms.auth.accounts;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
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

    @Incoming("clients-events")
    @Blocking
    void onClientEvent(String record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("therapists-events")
    @Blocking
    void onTherapistEvent(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof ClientDeleted deleted) {
            accounts.deactivateIfPresent(deleted.clientId());
        } else if (event.data() instanceof TherapistDeleted deleted) {
            accounts.deactivateIfPresent(deleted.therapistId());
        }
    }
}
