package io.therapyms.journal;

import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.Topics;
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
class LinkOrderTest extends JournalTestSupport {

    @Test
    void anEndProcessedBeforeItsApprovalRefusesTheTherapistsAccessRequest() {
        String client = id("client");
        String therapist = id("therapist");
        entry(client, "x", false);
        Instant approvedAt = Instant.now().minusSeconds(60);

        produce(client, new MappingEnded(client, therapist, "therapist"), approvedAt.plusSeconds(30));
        produce(client, approval(client, therapist), approvedAt);
        linkAnotherTherapist(client);

        assertRefused(client, therapist);
    }

    @Test
    void anOlderApprovalArrivingAfterTheEndDoesNotLinkThePairAgain() {
        String client = id("client");
        String therapist = id("therapist");
        entry(client, "x", false);
        Instant approvedAt = Instant.now().minusSeconds(60);
        produce(client, approval(client, therapist), approvedAt);
        produce(client, new MappingEnded(client, therapist, "client"), approvedAt.plusSeconds(30));
        await().atMost(ASYNC_BOUND).until(() -> as(therapist, "therapist").get("/api/journals/" + client).statusCode() == 404);

        // a second approval of the same pair from before the end, e.g. of another mapping request
        produce(client, approval(client, therapist), approvedAt.plusSeconds(10));
        linkAnotherTherapist(client);

        assertRefused(client, therapist);
    }

    private static void assertRefused(String client, String therapist) {
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(404);
        as(therapist, "therapist").body(Map.of("clientId", client, "reason", "treatment"))
                .post("/api/journal-access-requests").then().statusCode(404);
    }

    private void linkAnotherTherapist(String client) {
        String other = id("therapist");
        produce(client, approval(client, other), Instant.now());
        await().atMost(ASYNC_BOUND).until(() -> as(other, "therapist").get("/api/journals/" + client).statusCode() != 404);
    }

    private static MappingApproved approval(String client, String therapist) {
        return new MappingApproved(UUID.randomUUID().toString(), client, therapist, "client");
    }

    private void produce(String key, DomainEvent event, Instant time) {
        KafkaProbe.produce(bootstrap, config.prefixed(Topics.THERAPISTS), key,
                CODEC.encode(event, UUID.randomUUID().toString(), time));
    }
}
