package io.therapyms.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.ingest.Erasure;
import io.therapyms.analytics.ingest.LinkFacts;
import io.therapyms.analytics.ingest.MessageFacts;
import io.therapyms.analytics.ingest.People;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingApproved;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ClientDeleted: the client's row and name go and nothing in the read models names them any more; the therapist's
 * figures stay as they were, and an event about the client that arrives after the erasure still counts, untraceably.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ErasureTest extends AnalyticsTestBase {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    LinkFacts links;

    @Inject
    People people;

    @Inject
    Erasure erasure;

    @Inject
    Store store;

    @Inject
    MessageFacts messages;

    @Test
    void erasureRemovesTheRowAndNameAndKeepsTheCounts() {
        EventLog log = new EventLog(new Random());
        String t = log.newId();
        String c = log.newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofMinutes(50));
        String slotId = log.newId();
        String requestId = log.newId();
        String sessionId = log.newId();
        log.add(now.minus(Duration.ofDays(20)), new ClientProfileCreated(c, "Erin Erasable"));
        log.add(now.minus(Duration.ofDays(10)), new MappingApproved(log.newId(), c, t, "client"));
        log.add(now.minus(Duration.ofDays(9)), new AccessRequested(requestId, c, t));
        log.add(now.minus(Duration.ofDays(9)).plusSeconds(5), new AccessApproved(requestId, c, t, null));
        log.add(now.minus(Duration.ofDays(8)), new SlotsCreated(t, List.of(slotId),
                List.of(new SlotsCreated.SlotTimes(slotId, start, end))));
        String appointment = log.newId();
        log.add(now.minus(Duration.ofDays(6)), new AppointmentRequested(appointment, slotId, c, t, start, end));
        log.add(now.minus(Duration.ofDays(5)), new AppointmentApproved(appointment, slotId, c, t, start, end, sessionId));
        log.add(now.minus(Duration.ofDays(2)), new MessageSent(log.newId(), c, t));
        EventLog.produce(bootstrap, prefix, log.events());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(t, "therapist")
                .get("/api/analytics/therapists/" + t + "/clients").then().statusCode(200)
                .body("items[0].name", equalTo("Erin Erasable")).body("items[0].unreadFromClient", equalTo(1))
                .body("items[0].journalGrant.status", equalTo("active")));
        // The events sit on several topics and partitions: wait until the figures reflect all of them (the slot
        // too), or "before" could be a half-applied snapshot and the comparison below would race.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode totals = summary(t, "bucket=week").get("totals");
            assertThat(totals.at("/sessions/scheduled").asInt()).isEqualTo(1);
            assertThat(totals.at("/messages/received").asInt()).isEqualTo(1);
            assertThat(totals.at("/offeredHours").asDouble()).isEqualTo(0.83);
            assertThat(totals.at("/bookedHours").asDouble()).isEqualTo(0.83);
            assertThat(totals.at("/requests/approved").asInt()).isEqualTo(1);
            assertThat(totals.at("/caseload/active").asInt()).isEqualTo(1);
        });
        JsonNode before = summary(t, "bucket=week").get("totals");

        EventLog erasure = new EventLog(new Random());
        erasure.add(now.minus(Duration.ofDays(1)), new ClientDeleted(c));
        // delivered after the erasure (another partition, late): still counted, under no name or id
        erasure.add(end.plus(Duration.ofMinutes(5)), new SessionUpdated(sessionId, c, t, "completed"));
        EventLog.produce(bootstrap, prefix, erasure.events());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            as(t, "therapist").get("/api/analytics/therapists/" + t + "/clients").then().statusCode(200)
                    .body("items.size()", equalTo(0));
            JsonNode after = summary(t, "bucket=week").get("totals");
            assertThat(after.at("/sessions/completed").asInt()).isEqualTo(1);
            assertThat(after.at("/sessions/scheduled").asInt()).isEqualTo(0);
            assertThat(after.get("messages")).isEqualTo(before.get("messages"));
            assertThat(after.get("requests")).isEqualTo(before.get("requests"));
            assertThat(after.get("caseload")).isEqualTo(before.get("caseload"));
            assertThat(after.get("offeredHours")).isEqualTo(before.get("offeredHours"));
            assertThat(after.get("bookedHours")).isEqualTo(before.get("bookedHours"));
        });
        assertNoTraceOf(dynamo, prefix, c, "Erin Erasable");
    }

    /**
     * The race CI once lost: MappingEnded's handler looked the client up just before ClientDeleted's handler erased
     * them, so it wrote the link's end under the client's id and looked for the episode under the id, where it no
     * longer was (the erasure had moved it to the token). Its after-check re-runs the sweep, which must pair the two
     * again under the token, or the episode never ends and the caseload's "ended" misses it. Driven step by step
     * through the real beans, so the interleaving is the same every time.
     */
    @Test
    void aLinkEndWrittenWhileTheErasureRanStillEndsTheEpisode() {
        Pair pair = new Pair();
        links.approved(pair.mappingRequestId, pair.therapist, people.client(pair.client), LINKED_AT);

        People.Client asTheEndsHandlerSawThem = people.client(pair.client);
        assertThat(asTheEndsHandlerSawThem.erased()).isFalse();
        erasure.erase(pair.client, ENDED_AT.minusSeconds(1)); // ClientDeleted's handler, on another topic's thread
        links.ended(pair.ids.newId(), pair.therapist, asTheEndsHandlerSawThem, ENDED_AT);
        erasure.sweep(pair.client, people.client(pair.client).id()); // MappingEnded's handler notices it afterwards

        assertEndedAndUntraceable(pair);
    }

    /** The mirror image: the approval written under the client's id while the erasure ran, its end already moved. */
    @Test
    void anApprovalWrittenWhileTheErasureRanIsStillEnded() {
        Pair pair = new Pair();
        links.ended(pair.ids.newId(), pair.therapist, people.client(pair.client), ENDED_AT); // that partition was ahead

        People.Client asTheApprovalsHandlerSawThem = people.client(pair.client);
        erasure.erase(pair.client, ENDED_AT.plusSeconds(1));
        links.approved(pair.mappingRequestId, pair.therapist, asTheApprovalsHandlerSawThem, LINKED_AT);
        erasure.sweep(pair.client, people.client(pair.client).id());

        assertEndedAndUntraceable(pair);
    }

    private static final Instant LINKED_AT = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant ENDED_AT = Instant.parse("2026-10-20T09:00:00Z");

    /** A therapist, a client and their link request, fresh ids for each test. */
    private static final class Pair {
        final EventLog ids = new EventLog(new Random());
        final String therapist = ids.newId();
        final String client = ids.newId();
        final String mappingRequestId = ids.newId();
    }

    private void assertEndedAndUntraceable(Pair pair) {
        assertThat(store.get("LINK#" + pair.mappingRequestId, "F").orElseThrow().get("endedAt")).as("the episode's end")
                .isEqualTo(AttributeValue.fromS(TimeKeys.key(ENDED_AT)));
        assertNoTraceOf(dynamo, prefix, pair.client);
    }

    /**
     * MessageSent's handler writes both copies without re-reading the erasure mark after each: if the client was
     * erased in between, the consumer's check after the event runs the sweep once more, which must find both copies
     * (the client's own on their timeline, the therapist's through the client index) and leave nothing naming them.
     */
    @Test
    void messageCopiesWrittenWhileTheErasureRanAreSweptByTheCheckAfterTheEvent() {
        EventLog ids = new EventLog(new Random());
        String t = ids.newId();
        String c = ids.newId();
        String messageId = ids.newId();
        Instant sentAt = Instant.parse("2026-10-05T10:00:00Z");
        People.Client client = people.client(c);
        People.Client therapist = people.client(t);

        erasure.erase(c, sentAt.plusSeconds(1)); // after the handler looked the parties up
        messages.sent(messageId, client, therapist, true, sentAt);
        messages.sent(messageId, therapist, client, false, sentAt);
        people.erasureTokens(List.of(c, t)).forEach(erasure::sweep); // the consumer's check after the event

        assertThat(store.get("MSG#" + messageId, "U#" + c)).as("the client's own copy").isEmpty();
        Map<String, AttributeValue> therapistsCopy = store.get("MSG#" + messageId, "U#" + t).orElseThrow();
        assertThat(therapistsCopy.get("counterpartId").s()).isEqualTo(people.client(c).id());
        assertNoTraceOf(dynamo, prefix, c);
    }
}
