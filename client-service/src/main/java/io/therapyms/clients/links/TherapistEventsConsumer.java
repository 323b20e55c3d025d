package io.therapyms.clients.links;

import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.clients.profiles.ClientProfile;
import io.therapyms.clients.profiles.ClientRepository;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * Keeps the link projection from therapists.events. Every effect is a conditional write ordered by
 * the event's time, so a redelivery or an out-of-order arrival changes nothing.
 */
@Singleton
public class TherapistEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    LinkRepository links;

    @Inject
    ClientRepository profiles;

    @Incoming("therapists-events")
    @Blocking
    void on(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        Instant at = event.envelope().time();
        if (event.data() instanceof MappingApproved approved) {
            Optional<String> nameKey = profiles.find(approved.clientId())
                    .map((ClientProfile p) -> ClientRepository.directoryKey(p.name(), p.clientId()));
            links.link(approved.clientId(), approved.therapistId(), nameKey, at);
        } else if (event.data() instanceof MappingEnded ended) {
            links.unlink(ended.clientId(), ended.therapistId(), at);
        } else if (event.data() instanceof TherapistProfileCreated created) {
            links.nameTherapist(created.therapistId(), created.name(), at);
        } else if (event.data() instanceof TherapistProfileUpdated updated) {
            links.nameTherapist(updated.therapistId(), updated.name(), at);
        } else if (event.data() instanceof TherapistDeleted deleted) {
            links.therapistDeleted(deleted.therapistId(), at);
        }
    }
}
