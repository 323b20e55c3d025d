package io.therapyms.messaging;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.messaging.MessagingApi.User;

/**
 * MappingApproved (keyed by the mapping request) and MappingEnded (keyed by the client) reach the
 * consumer in either order: the later one by event time decides. Every event here is keyed by the
 * client, so the test fixes the arrival order; a link of a second therapist, produced last, shows
 * when the consumer has got through the ones before it.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LinkOrderTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final Duration CONSUMED = Duration.ofSeconds(60);

    @Inject
    PlatformEvents events;

    @Test
    void anEndProcessedBeforeItsApprovalRefusesTheMessage() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        Instant approvedAt = Instant.now().minusSeconds(60);

        produce(client, new MappingEnded(client.id(), therapist.id(), "therapist"), approvedAt.plusSeconds(30));
        produce(client, approval(client, therapist), approvedAt);
        linkAnotherTherapist(client);

        assertRefused(client, therapist);
    }

    @Test
    void anOlderApprovalArrivingAfterTheEndDoesNotLinkThePairAgain() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        Instant approvedAt = Instant.now().minusSeconds(60);
        produce(client, approval(client, therapist), approvedAt);
        await().atMost(CONSUMED).until(() -> MessagingApi.send(client, therapist, "hello").statusCode() == 201);
        produce(client, new MappingEnded(client.id(), therapist.id(), "client"), approvedAt.plusSeconds(30));
        await().atMost(CONSUMED).until(() -> MessagingApi.send(client, therapist, "still there?").statusCode() == 403);

        // a second approval of the same pair from before the end, e.g. of another mapping request
        produce(client, approval(client, therapist), approvedAt.plusSeconds(10));
        linkAnotherTherapist(client);

        assertRefused(client, therapist);
    }

    private static void assertRefused(User client, User therapist) {
        MessagingApi.send(client, therapist, "from the client").then().statusCode(403);
        MessagingApi.send(therapist, client, "from the therapist").then().statusCode(403);
    }

    private void linkAnotherTherapist(User client) {
        User other = MessagingApi.therapist();
        produce(client, approval(client, other), Instant.now());
        await().atMost(CONSUMED).until(() -> MessagingApi.send(client, other, "hi").statusCode() == 201);
    }

    private static MappingApproved approval(User client, User therapist) {
        return new MappingApproved(UUID.randomUUID().toString(), client.id(), therapist.id(), "client");
    }

    private void produce(User key, DomainEvent event, Instant time) {
        events.publishRecord(Topics.THERAPISTS, key.id(), CODEC.encode(event, UUID.randomUUID().toString(), time));
    }
}
