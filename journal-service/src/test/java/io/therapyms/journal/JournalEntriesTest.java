package io.therapyms.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class JournalEntriesTest extends JournalTestSupport {

    @Test
    void theClientWritesAnEntryWithDefaultsAndAnOffsetTimeIsNormalisedToUtc() {
        String client = id("client");
        as(client, "client").body(Map.of("content", "A good day", "feeling", "happy", "intensity", 7))
                .post("/api/journals/" + client).then().statusCode(201)
                .body("clientId", equalTo(client)).body("private", equalTo(false)).body("$", not(hasKey("isPrivate")))
                .body("feeling", equalTo("happy"))
                .body("intensity", equalTo(7));
        as(client, "client").body(Map.of("content", "Morning", "feeling", "calm", "intensity", 3,
                "time", "2025-03-01T10:00:00+02:00")).post("/api/journals/" + client).then().statusCode(201)
                .body("time", equalTo("2025-03-01T08:00:00Z"));
    }

    @Test
    void invalidEntriesAreRefusedWithTheReason() {
        String client = id("client");
        String path = "/api/journals/" + client;
        as(client, "client").body(Map.of("content", "x", "feeling", "meh", "intensity", 5)).post(path)
                .then().statusCode(400).body(containsString("overwhelmed"));
        as(client, "client").body(Map.of("content", "x", "feeling", "sad", "intensity", 11)).post(path)
                .then().statusCode(400);
        as(client, "client").body(Map.of("content", "x", "feeling", "sad", "intensity", 0)).post(path)
                .then().statusCode(400);
        as(client, "client").body(Map.of("content", "x".repeat(10_001), "feeling", "sad", "intensity", 3)).post(path)
                .then().statusCode(400);
        as(client, "client").body(Map.of("content", "x", "feeling", "sad", "intensity", 3,
                "time", Instant.now().plus(1, ChronoUnit.DAYS).toString())).post(path).then().statusCode(400);
        as(client, "client").body(Map.of("content", "x", "feeling", "sad", "intensity", 3, "mood", "x")).post(path)
                .then().statusCode(400);
        as(client, "client").body(Map.of("content", "x".repeat(10_000), "feeling", "sad", "intensity", 3)).post(path)
                .then().statusCode(201);
    }

    @Test
    void theListIsNewestTimeFirstAndFiltersByRangeAndFeeling() {
        String client = id("client");
        String jan = entry(client, "january", "sad", 2, false, "2025-01-10T12:00:00Z");
        String feb = entry(client, "february", "happy", 8, false, "2025-02-10T12:00:00Z");
        String mar = entry(client, "march", "sad", 4, false, "2025-03-10T12:00:00Z");
        List<String> all = as(client, "client").get("/api/journals/" + client).then().statusCode(200)
                .extract().path("items.journalEntryId");
        assertThat(all).containsExactly(mar, feb, jan);
        List<String> range = as(client, "client").queryParam("from", "2025-02-01T00:00:00Z")
                .queryParam("to", "2025-03-31T00:00:00Z").get("/api/journals/" + client).then().statusCode(200)
                .extract().path("items.journalEntryId");
        assertThat(range).containsExactly(mar, feb);
        List<String> sad = as(client, "client").queryParam("feeling", "sad").get("/api/journals/" + client)
                .then().statusCode(200).extract().path("items.journalEntryId");
        assertThat(sad).containsExactly(mar, jan);
        as(client, "client").queryParam("feeling", "meh").get("/api/journals/" + client).then().statusCode(400);
    }

    @Test
    void pagingWalksEveryEntryOnceAndATamperedCursorIs400() {
        String client = id("client");
        for (int i = 0; i < 5; i++) {
            entry(client, "entry " + i, false);
        }
        String cursor = as(client, "client").queryParam("limit", 2).get("/api/journals/" + client)
                .then().statusCode(200).body("items", hasSize(2)).extract().path("nextCursor");
        assertThat(cursor).isNotNull();
        as(client, "client").queryParam("limit", 2).queryParam("cursor", cursor).get("/api/journals/" + client)
                .then().statusCode(200).body("items", hasSize(2));
        String tampered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        as(client, "client").queryParam("cursor", tampered).get("/api/journals/" + client).then().statusCode(400);
        String other = id("client");
        as(other, "client").queryParam("cursor", cursor).get("/api/journals/" + other).then().statusCode(400);
    }

    @Test
    void theClientUpdatesAnySubsetAndDeletes() {
        String client = id("client");
        String entry = entry(client, "first draft", "sad", 3, false, "2025-05-01T09:00:00Z");
        String path = "/api/journals/" + client + "/" + entry;
        as(client, "client").body(Map.of("intensity", 9)).put(path).then().statusCode(200)
                .body("intensity", equalTo(9)).body("content", equalTo("first draft"));
        as(client, "client").body(Map.of("time", "2025-05-02T09:00:00Z", "private", true)).put(path)
                .then().statusCode(200).body("time", equalTo("2025-05-02T09:00:00Z")).body("private", equalTo(true));
        as(client, "client").get(path).then().statusCode(200).body("intensity", equalTo(9))
                .body("time", equalTo("2025-05-02T09:00:00Z"));
        as(client, "client").get("/api/journals/" + client).then().body("items", hasSize(1));
        as(client, "client").body(Map.of("feeling", "meh")).put(path).then().statusCode(400);
        as(client, "client").delete(path).then().statusCode(204);
        as(client, "client").get(path).then().statusCode(404);
        as(client, "client").delete(path).then().statusCode(404);
    }

    @Test
    void insightsBucketByDayAndWeek() {
        String client = id("client");
        entry(client, "a", "sad", 2, false, "2025-06-02T08:00:00Z");
        entry(client, "b", "sad", 4, false, "2025-06-02T20:00:00Z");
        entry(client, "c", "happy", 9, false, "2025-06-04T10:00:00Z");
        String path = "/api/journals/" + client + "/insights";
        as(client, "client").queryParam("from", "2025-06-01T00:00:00Z").queryParam("to", "2025-06-08T00:00:00Z")
                .queryParam("bucket", "day").get(path).then().statusCode(200)
                .body("buckets", hasSize(2))
                .body("buckets[0].start", equalTo("2025-06-02T00:00:00Z"))
                .body("buckets[0].entryCount", equalTo(2))
                .body("buckets[0].averageIntensity", equalTo(3.0f))
                .body("buckets[0].feelings.sad", equalTo(2));
        as(client, "client").queryParam("from", "2025-06-01T00:00:00Z").queryParam("to", "2025-06-08T00:00:00Z")
                .queryParam("bucket", "week").get(path).then().statusCode(200)
                .body("buckets", hasSize(1)).body("buckets[0].start", equalTo("2025-06-02T00:00:00Z"))
                .body("buckets[0].entryCount", equalTo(3)).body("buckets[0].feelings.happy", equalTo(1));
        as(client, "client").queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2025-06-08T00:00:00Z")
                .get(path).then().statusCode(400);
        as(client, "client").queryParam("bucket", "month").get(path).then().statusCode(400);
    }
}
