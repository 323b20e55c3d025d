package io.therapyms.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.GoldenSamples;
import io.therapyms.events.Topics;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.journal.JournalEntryCreated;
import io.therapyms.events.therapists.MappingApproved;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class JournalEventsTest extends JournalTestSupport {

    @Test
    void eventsCarryIdsButNeverJournalTextFeelingsOrIntensities() {
        String client = id("client");
        String therapist = id("therapist");
        String secret = "zebra-umbrella-" + java.util.UUID.randomUUID();
        String entryId = entry(client, secret, "overwhelmed", 10, false, null);
        // changes and removals publish nothing with content either (a time change leaves a tombstone behind)
        String moved = entry(client, secret + "-moved", "overwhelmed", 9, false, "2025-01-01T00:00:00Z");
        as(client, "client").body(Map.of("time", "2025-01-02T00:00:00Z", "content", secret + "-edited"))
                .put("/api/journals/" + client + "/" + moved).then().statusCode(200);
        as(client, "client").delete("/api/journals/" + client + "/" + moved).then().statusCode(204);
        String request = grant(client, therapist);
        decide(client, "client", request, "revoked", 200);

        List<ConsumerRecord<String, String>> records = readJournalTopic(events ->
                events.stream().anyMatch(e -> e.data() instanceof AccessRevoked r
                        && r.journalAccessRequestId().equals(request))
                && events.stream().anyMatch(e -> e.data() instanceof JournalEntryCreated c
                        && c.journalEntryId().equals(entryId))
                && events.stream().anyMatch(e -> e.data() instanceof JournalEntryCreated c
                        && c.journalEntryId().equals(moved)));
        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.value()).doesNotContain(secret).doesNotContain("overwhelmed")
                    .doesNotContain("\"intensity\"").doesNotContain("\"content\"").doesNotContain("\"feeling\"");
        }
        List<Object> mine = decode(records).values().stream().map(DecodedEvent::data)
                .filter(d -> d.toString().contains(client)).map(Object.class::cast).toList();
        assertThat(mine).containsExactlyInAnyOrder(new JournalEntryCreated(entryId, client),
                new JournalEntryCreated(moved, client),
                new AccessRequested(request, client, therapist), new AccessApproved(request, client, therapist, null),
                new AccessRevoked(request, client, therapist));
    }

    @Test
    void replayingTheGoldenMappingApprovedTwiceLinksOnce() throws Exception {
        String sample = GoldenSamples.of(MappingApproved.class);
        MappingApproved approved = (MappingApproved) CODEC.decode(sample).data();
        KafkaProbe.produce(bootstrap, config.prefixed(Topics.THERAPISTS), approved.aggregateId(), sample);
        KafkaProbe.produce(bootstrap, config.prefixed(Topics.THERAPISTS), approved.aggregateId(), sample);
        await().atMost(ASYNC_BOUND).until(() -> as(approved.therapistId(), "therapist")
                .get("/api/journals/" + approved.clientId()).statusCode() == 403);
        String request = requestAccess(approved.therapistId(), approved.clientId(), null);
        decide(approved.clientId(), "client", request, "rejected", 200);
    }

    @Test
    void clientDeletedErasesEntriesGrantsAndTheLogIdempotently() {
        String client = id("client");
        String therapist = id("therapist");
        entry(client, "to be forgotten", false);
        grant(client, therapist);
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200);
        deleteClient(client);
        deleteClient(client);
        await().atMost(ASYNC_BOUND).until(() -> as(client, "client").get("/api/journals/" + client)
                .then().extract().<List<?>>path("items").isEmpty());
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(404);
        as(client, "client").get("/api/journals/" + client + "/access-log").then().statusCode(200)
                .body("items", hasSize(0));
        as(client, "client").get("/api/journal-access-requests").then().statusCode(200).body("items", hasSize(0));
    }
}
