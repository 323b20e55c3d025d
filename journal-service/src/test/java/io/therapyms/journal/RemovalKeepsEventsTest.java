package io.therapyms.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.JournalEntryCreated;
import io.therapyms.platform.outbox.Outbox;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Removing an entry (delete, time change, erasure) while its JournalEntryCreated still waits in the
 * outbox: the event still reaches Kafka exactly once, and the removed entry is never shown. The relay is
 * paused to hold events on their items for as long as the test needs (as when Kafka is down).
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RemovalKeepsEventsTest extends JournalTestSupport {

    private static final List<String> CONTENT_ATTRIBUTES = List.of("content", "feeling", "intensity", "private",
            "journalEntryId", "reason", "state");

    @Test
    void anEntryDeletedBeforeItsEventLeftIsNeverShownAndItsEventStillArrivesOnce() {
        String client = id("client");
        String therapist = id("therapist");
        String journal = "/api/journals/" + client;
        grant(client, therapist);
        String kept = entry(client, "kept", "calm", 4, false, null);
        String deleted;
        relay.pause();
        try {
            deleted = entry(client, "regretted words", "ashamed", 8, false, null);
            as(client, "client").delete(journal + "/" + deleted).then().statusCode(204);

            List<Map<String, AttributeValue>> copies = storedCopies(client, deleted);
            assertThat(copies).hasSize(1);
            assertThat(Outbox.isTombstone(copies.get(0))).isTrue();
            assertThat(copies.get(0)).containsKey("outbox").doesNotContainKeys(CONTENT_ATTRIBUTES.toArray(String[]::new));

            for (String[] caller : List.of(new String[] { client, "client" }, new String[] { therapist, "therapist" })) {
                as(caller[0], caller[1]).get(journal + "/" + deleted).then().statusCode(404);
                as(caller[0], caller[1]).get(journal).then().statusCode(200).body("items.journalEntryId",
                        equalTo(List.of(kept)));
                as(caller[0], caller[1]).get(journal + "/insights").then().statusCode(200)
                        .body("buckets.entryCount.sum()", equalTo(1)).body("buckets[0].feelings.ashamed", equalTo(null));
            }
            as(client, "client").delete(journal + "/" + deleted).then().statusCode(404);
            as(client, "client").body(Map.of("intensity", 2)).put(journal + "/" + deleted).then().statusCode(404);
        } finally {
            relay.resume();
        }
        assertExactlyOnce(entryCreated(deleted));
        await().atMost(ASYNC_BOUND).until(() -> storedCopies(client, deleted).isEmpty());
        // the therapist's list and insights were logged with what they returned: never the deleted entry
        as(client, "client").get(journal + "/access-log").then().statusCode(200)
                .body("items.entryIds.flatten()", equalTo(List.of(kept, kept)));
    }

    @Test
    void createThenDeleteAtOnceRacingTheRelayLosesNoEvent() {
        String client = id("client");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String entryId = entry(client, "gone " + i, false);
            as(client, "client").delete("/api/journals/" + client + "/" + entryId).then().statusCode(204);
            ids.add(entryId);
        }
        as(client, "client").get("/api/journals/" + client).then().statusCode(200).body("items", hasSize(0));
        for (String entryId : ids) {
            assertExactlyOnce(entryCreated(entryId));
            as(client, "client").get("/api/journals/" + client + "/" + entryId).then().statusCode(404);
        }
    }

    @Test
    void anEntryMovedInTimeBeforeItsEventLeftShowsOnceAndItsEventStillArrivesOnce() {
        String client = id("client");
        String journal = "/api/journals/" + client;
        String entryId;
        relay.pause();
        try {
            entryId = entry(client, "draft", "sad", 3, false, "2025-01-01T10:00:00Z");
            as(client, "client").body(Map.of("time", "2025-01-02T10:00:00Z")).put(journal + "/" + entryId)
                    .then().statusCode(200);
            as(client, "client").get(journal).then().statusCode(200).body("items.journalEntryId", equalTo(List.of(entryId)))
                    .body("items[0].time", equalTo("2025-01-02T10:00:00Z"));
            // back to the first time while the first copy's tombstone (holding the event) still has that time
            as(client, "client").body(Map.of("time", "2025-01-01T10:00:00Z", "content", "final")).put(journal + "/" + entryId)
                    .then().statusCode(200);
            as(client, "client").get(journal).then().statusCode(200).body("items.journalEntryId", equalTo(List.of(entryId)))
                    .body("items[0].time", equalTo("2025-01-01T10:00:00Z")).body("items[0].content", equalTo("final"));
            as(client, "client").get(journal + "/" + entryId).then().statusCode(200).body("content", equalTo("final"));
            List<Map<String, AttributeValue>> copies = storedCopies(client, entryId);
            assertThat(copies).filteredOn(Outbox::isTombstone).hasSize(1)
                    .allSatisfy(t -> assertThat(t).containsKey("outbox").doesNotContainKey("content"));
            assertThat(copies).filteredOn(c -> !Outbox.isTombstone(c)).hasSize(1);
        } finally {
            relay.resume();
        }
        assertExactlyOnce(entryCreated(entryId));
        await().atMost(ASYNC_BOUND).until(() -> storedCopies(client, entryId).size() == 1);
        assertThat(storedCopies(client, entryId).get(0).get("content").s()).isEqualTo("final");
    }

    @Test
    void pagesStayFullAndTheCursorHonestAroundTombstones() {
        String client = id("client");
        List<String> newestFirst = new ArrayList<>();
        relay.pause();
        try {
            for (int day = 6; day >= 1; day--) {
                newestFirst.add(entry(client, "day " + day, "calm", day, false, "2025-03-0" + day + "T12:00:00Z"));
            }
            for (int index : new int[] { 1, 2, 4 }) {
                as(client, "client").delete("/api/journals/" + client + "/" + newestFirst.get(index)).then().statusCode(204);
            }
            List<List<String>> pages = new ArrayList<>();
            String cursor = null;
            do {
                var request = as(client, "client").queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/api/journals/" + client);
                page.then().statusCode(200);
                pages.add(page.path("items.journalEntryId"));
                cursor = page.path("nextCursor");
            } while (cursor != null && pages.size() < 10);
            assertThat(pages).containsExactly(List.of(newestFirst.get(0), newestFirst.get(3)), List.of(newestFirst.get(5)));
        } finally {
            relay.resume();
        }
    }

    @Test
    void erasureWhileEventsWaitPublishesThemAllInOrderAndLeavesNothingReadable() {
        String client = id("client");
        String therapist = id("therapist");
        String journal = "/api/journals/" + client;
        link(client, therapist);
        List<String> entries = new ArrayList<>();
        String request;
        relay.pause();
        try {
            for (int i = 0; i < 3; i++) {
                entries.add(entry(client, "erase me " + i, false));
            }
            request = requestAccess(therapist, client, null);
            decide(client, "client", request, "approved", 200);
            as(therapist, "therapist").get(journal).then().statusCode(200).body("items", hasSize(3));
            deleteClient(client);

            await().atMost(ASYNC_BOUND).until(() -> as(client, "client").get(journal)
                    .then().extract().<List<?>>path("items").isEmpty());
            as(therapist, "therapist").get(journal).then().statusCode(404);
            as(client, "client").get(journal + "/" + entries.get(0)).then().statusCode(404);
            as(client, "client").get(journal + "/access-log").then().statusCode(200).body("items", hasSize(0));
            as(client, "client").get("/api/journal-access-requests").then().statusCode(200).body("items", hasSize(0));
            as(therapist, "therapist").get("/api/journal-access-requests").then().statusCode(200).body("items", hasSize(0));
            // what is left waits for the relay: three entries and the grant pair, as content-free tombstones
            List<Map<String, AttributeValue>> left = stored("CLIENT#" + client);
            assertThat(left).hasSize(4).allSatisfy(item -> {
                assertThat(Outbox.isTombstone(item)).isTrue();
                assertThat(item).containsKey("outbox").doesNotContainKeys(CONTENT_ATTRIBUTES.toArray(String[]::new));
            });
        } finally {
            relay.resume();
        }
        for (String entryId : entries) {
            assertExactlyOnce(entryCreated(entryId));
        }
        List<Object> grantEvents = readJournalTopic(events -> events.stream()
                .anyMatch(e -> e.data() instanceof AccessApproved a && a.journalAccessRequestId().equals(request)))
                .stream().filter(r -> r.key().equals(request)).map(r -> CODEC.decode(r.value()).data())
                .filter(d -> d instanceof AccessRequested || d instanceof AccessApproved).distinct().map(Object.class::cast)
                .toList();
        assertThat(grantEvents).containsExactly(new AccessRequested(request, client, therapist),
                new AccessApproved(request, client, therapist, null));
        await().atMost(ASYNC_BOUND).until(() -> stored("CLIENT#" + client).isEmpty());
    }

    private static Predicate<DecodedEvent> entryCreated(String entryId) {
        return e -> e.data() instanceof JournalEntryCreated created && created.journalEntryId().equals(entryId);
    }

    /** Waits for the event on journal.events and checks that exactly one event (one event id) matches. */
    private void assertExactlyOnce(Predicate<DecodedEvent> matches) {
        Collection<DecodedEvent> events = decode(readJournalTopic(all -> all.stream().anyMatch(matches))).values();
        assertThat(events).filteredOn(matches::test).hasSize(1);
    }
}
