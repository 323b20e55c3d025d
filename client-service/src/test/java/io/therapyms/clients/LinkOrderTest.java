package io.therapyms.clients;

import static io.therapyms.clients.ClientApi.as;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;

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

    @Inject
    TherapistEvents therapists;

    @Test
    void anEndProcessedBeforeItsApprovalLeavesTheTherapistUnlisted() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        Instant approvedAt = Instant.now().minusSeconds(60);

        produce(client, new MappingEnded(client.id(), therapist.id(), "therapist"), approvedAt.plusSeconds(30));
        produce(client, approval(client, therapist), approvedAt);
        ClientApi.User other = linkAnotherTherapist(client);

        assertUnlinked(client, therapist, other);
    }

    @Test
    void anOlderApprovalArrivingAfterTheEndDoesNotListTheTherapistAgain() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        Instant approvedAt = Instant.now().minusSeconds(60);
        produce(client, approval(client, therapist), approvedAt);
        therapists.awaitLinked(client, therapist, true);
        produce(client, new MappingEnded(client.id(), therapist.id(), "client"), approvedAt.plusSeconds(30));
        therapists.awaitLinked(client, therapist, false);

        // a second approval of the same pair from before the end, e.g. of another mapping request
        produce(client, approval(client, therapist), approvedAt.plusSeconds(10));
        ClientApi.User other = linkAnotherTherapist(client);

        assertUnlinked(client, therapist, other);
    }

    private void assertUnlinked(ClientApi.User client, ClientApi.User therapist, ClientApi.User other) {
        assertThat(therapists.linkedTherapistIds(client)).containsExactly(other.id());
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(404);
    }

    private ClientApi.User linkAnotherTherapist(ClientApi.User client) {
        ClientApi.User other = ClientApi.therapist();
        produce(client, approval(client, other), Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> therapists.linkedTherapistIds(client).contains(other.id()));
        return other;
    }

    private static MappingApproved approval(ClientApi.User client, ClientApi.User therapist) {
        return new MappingApproved(UUID.randomUUID().toString(), client.id(), therapist.id(), "client");
    }

    private void produce(ClientApi.User key, DomainEvent event, Instant time) {
        therapists.publishRecord(key.id(), CODEC.encode(event, UUID.randomUUID().toString(), time));
    }
}
