package io.therapyms.scheduling;

import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
 * consumer in either order: the later one by event time decides, whatever the arrival order. Here
 * every event is keyed by the client, so the test fixes the arrival order; a link of a second
 * therapist, produced last, shows when the consumer has got through the ones before it.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LinkOrderTest extends SchedulingTestBase {

    @Test
    void anEndProcessedBeforeItsApprovalRefusesTheClientsRequest() {
        String client = newId();
        String therapist = newId();
        String slotId = slot(therapist, future(3, 10), 60);
        Instant approvedAt = Instant.now().minusSeconds(60);

        produce(client, new MappingEnded(client, therapist, "therapist"), approvedAt.plusSeconds(30));
        produce(client, approval(client, therapist), approvedAt);
        link(bootstrap, prefix, client, newId());

        assertRefused(client, therapist, slotId);
    }

    @Test
    void anOlderApprovalArrivingAfterTheEndDoesNotLinkThePairAgain() {
        String client = newId();
        String therapist = newId();
        String slotId = slot(therapist, future(3, 12), 60);
        Instant approvedAt = Instant.now().minusSeconds(60);
        produce(client, approval(client, therapist), approvedAt);
        produce(client, new MappingEnded(client, therapist, "client"), approvedAt.plusSeconds(30));
        await().atMost(Duration.ofSeconds(90)).until(() -> as(client, "client")
                .get("/api/session-slots/" + therapist).statusCode() == 404);

        // a second approval of the same pair from before the end, e.g. of another mapping request
        produce(client, approval(client, therapist), approvedAt.plusSeconds(10));
        link(bootstrap, prefix, client, newId());

        assertRefused(client, therapist, slotId);
    }

    private static void assertRefused(String client, String therapist, String slotId) {
        as(client, "client").get("/api/session-slots/" + therapist).then().statusCode(404);
        as(client, "client").body(Map.of("slotId", slotId)).post("/api/appointment-requests").then().statusCode(404);
    }

    private static MappingApproved approval(String client, String therapist) {
        return new MappingApproved(newId(), client, therapist, "client");
    }

    private void produce(String key, DomainEvent event, Instant time) {
        KafkaProbe.produce(bootstrap, prefix + Topics.THERAPISTS, key, CODEC.encode(event, newId(), time));
    }
}
