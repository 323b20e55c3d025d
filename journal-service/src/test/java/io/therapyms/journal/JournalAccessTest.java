package io.therapyms.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class JournalAccessTest extends JournalTestSupport {

    @Test
    void aLinkedTherapistWithoutGrantGets403AndAnUnlinkedOne404() {
        String client = id("client");
        String linked = id("therapist");
        String stranger = id("therapist");
        entry(client, "hello", false);
        link(client, linked);
        as(linked, "therapist").get("/api/journals/" + client).then().statusCode(403);
        as(stranger, "therapist").get("/api/journals/" + client).then().statusCode(404);
        as(stranger, "therapist").body(Map.of("clientId", client)).post("/api/journal-access-requests")
                .then().statusCode(404);
    }

    @Test
    void aPrivateEntryNeverReachesATherapistInListReadOrInsights() {
        String client = id("client");
        String therapist = id("therapist");
        String shared = entry(client, "shared thoughts", "hopeful", 6, false, null);
        String hidden = entry(client, "private thoughts", "ashamed", 9, true, null);
        grant(client, therapist);
        List<String> seen = as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200)
                .extract().path("items.journalEntryId");
        assertThat(seen).containsExactly(shared);
        as(therapist, "therapist").get("/api/journals/" + client + "/" + shared).then().statusCode(200)
                .body("content", equalTo("shared thoughts"));
        as(therapist, "therapist").get("/api/journals/" + client + "/" + hidden).then().statusCode(404);
        as(therapist, "therapist").get("/api/journals/" + client + "/insights").then().statusCode(200)
                .body("buckets", hasSize(1)).body("buckets[0].entryCount", equalTo(1))
                .body("buckets[0].feelings.ashamed", equalTo(null));
        as(client, "client").get("/api/journals/" + client + "/insights").then().statusCode(200)
                .body("buckets[0].entryCount", equalTo(2));
        // nor through a feeling filter or paging, where the private entry sits between two shared ones
        as(therapist, "therapist").queryParam("feeling", "ashamed").get("/api/journals/" + client).then()
                .statusCode(200).body("items", hasSize(0));
        String later = entry(client, "later thoughts", "calm", 2, false, null);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(therapist, "therapist").queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/journals/" + client).then().statusCode(200).extract();
            paged.addAll(page.path("items.journalEntryId"));
            cursor = page.path("nextCursor");
        } while (cursor != null && paged.size() < 10);
        assertThat(paged).containsExactly(later, shared);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAccessLogListsExactlyTheEntriesTheTherapistSaw() {
        String client = id("client");
        String therapist = id("therapist");
        String older = entry(client, "older", "sad", 3, false, "2025-01-01T00:00:00Z");
        String newer = entry(client, "newer", "calm", 5, false, "2025-02-01T00:00:00Z");
        entry(client, "secret", "numb", 1, true, "2025-03-01T00:00:00Z");
        grant(client, therapist);
        as(therapist, "therapist").queryParam("limit", 1).get("/api/journals/" + client).then().statusCode(200);
        as(therapist, "therapist").get("/api/journals/" + client + "/" + older).then().statusCode(200);
        as(therapist, "therapist").queryParam("from", "2024-12-01T00:00:00Z").queryParam("to", "2025-03-02T00:00:00Z")
                .get("/api/journals/" + client + "/insights").then().statusCode(200);
        List<Map<String, Object>> log = as(client, "client").get("/api/journals/" + client + "/access-log")
                .then().statusCode(200).extract().path("items");
        assertThat(log).extracting(r -> r.get("action")).containsExactly("insights", "read", "list");
        assertThat(log).allSatisfy(r -> assertThat(r.get("therapistId")).isEqualTo(therapist));
        assertThat(log.get(2).get("entryIds")).isEqualTo(List.of(newer));
        assertThat(log.get(1).get("entryIds")).isEqualTo(List.of(older));
        assertThat((List<Object>) log.get(0).get("entryIds")).containsExactlyInAnyOrder(older, newer);
        as(id("admin"), "admin").get("/api/journals/" + client + "/access-log").then().statusCode(200)
                .body("items", hasSize(3));
        as(client, "client").get("/api/journals/" + client).then().statusCode(200);
        as(client, "client").get("/api/journals/" + client + "/access-log").then().body("items", hasSize(3));
    }

    @Test
    void revocationTakesEffectOnTheVeryNextRequest() {
        String client = id("client");
        String therapist = id("therapist");
        entry(client, "x", false);
        String request = grant(client, therapist);
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200);
        decide(client, "client", request, "revoked", 200);
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(403);
        as(therapist, "therapist").get("/api/journals/" + client + "/insights").then().statusCode(403);
        decide(client, "client", request, "revoked", 409);
        // a new request is possible once the grant is gone
        requestAccess(therapist, client, null);
    }

    @Test
    void anExpiredGrantIsRefusedWithoutAnyJob() {
        String client = id("client");
        String therapist = id("therapist");
        entry(client, "x", false);
        link(client, therapist);
        Instant expiresAt = Instant.now().plusSeconds(3);
        String request = requestAccess(therapist, client, expiresAt.toString());
        decide(client, "client", request, "approved", 200);
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200);
        // no request in between and no job: the first request after expiresAt is refused
        await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(expiresAt));
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(403);
        as(therapist, "therapist").get("/api/journals/" + client + "/insights").then().statusCode(403);
        as(client, "client").queryParam("status", "expired").get("/api/journal-access-requests").then()
                .statusCode(200).body("items.journalAccessRequestId", equalTo(List.of(request)));
        // an expired grant does not block a new request
        requestAccess(therapist, client, null);
        as(therapist, "therapist").body(Map.of("clientId", client)).post("/api/journal-access-requests")
                .then().statusCode(409);
        as(therapist, "therapist").body(Map.of("clientId", client, "expiresAt", "2020-01-01T00:00:00Z"))
                .post("/api/journal-access-requests").then().statusCode(400);
    }

    @Test
    void theRequestLifecycleEnforcesWhoDecidesWhat() {
        String client = id("client");
        String therapist = id("therapist");
        String otherClient = id("client");
        link(client, therapist);
        String request = requestAccess(therapist, client, null);
        as(therapist, "therapist").body(Map.of("clientId", client)).post("/api/journal-access-requests")
                .then().statusCode(409);
        decide(therapist, "therapist", request, "approved", 403);
        decide(client, "client", request, "cancelled", 403);
        decide(otherClient, "client", request, "approved", 404);
        decide(id("admin"), "admin", request, "approved", 403);
        decide(client, "client", request, "revoked", 409);
        decide(client, "client", request, "maybe", 400);
        decide(client, "client", request, "rejected", 200);
        decide(client, "client", request, "approved", 409);
        String second = requestAccess(therapist, client, null);
        decide(therapist, "therapist", second, "cancelled", 200);
        decide(therapist, "therapist", second, "cancelled", 409);
        as(client, "client").get("/api/journal-access-requests").then().statusCode(200)
                .body("items.journalAccessRequestId", equalTo(List.of(second, request)))
                .body("items.status", equalTo(List.of("cancelled", "rejected")));
        as(therapist, "therapist").queryParam("status", "rejected").get("/api/journal-access-requests").then()
                .statusCode(200).body("items.journalAccessRequestId", equalTo(List.of(request)));
        as(otherClient, "client").get("/api/journal-access-requests").then().statusCode(200).body("items", hasSize(0));
        as(id("admin"), "admin").get("/api/journal-access-requests").then().statusCode(200);
        as(client, "client").body(Map.of("clientId", client)).post("/api/journal-access-requests")
                .then().statusCode(403);
        as(therapist, "therapist").body(Map.of("clientId", client, "therapistId", therapist))
                .post("/api/journal-access-requests").then().statusCode(400);
    }

    @Test
    void racingRequestsForOnePairCreateExactlyOne() throws Exception {
        String client = id("client");
        String therapist = id("therapist");
        link(client, therapist);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> as(therapist, "therapist").body(Map.of("clientId", client))
                        .post("/api/journal-access-requests").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mappingEndedRevokesTheGrantAndCancelsPendingRequests() {
        String client = id("client");
        String granted = id("therapist");
        String pending = id("therapist");
        entry(client, "x", false);
        String grantId = grant(client, granted);
        link(client, pending);
        String pendingId = requestAccess(pending, client, null);
        endMapping(client, granted);
        endMapping(client, pending);
        await().atMost(ASYNC_BOUND).until(() -> as(granted, "therapist")
                .get("/api/journals/" + client).statusCode() == 404
                && as(pending, "therapist").get("/api/journals/" + client).statusCode() == 404);
        await().atMost(ASYNC_BOUND).untilAsserted(() -> {
            List<Map<String, Object>> items = as(client, "client").get("/api/journal-access-requests")
                    .then().extract().path("items");
            assertThat(items).extracting(i -> i.get("journalAccessRequestId") + "=" + i.get("status"))
                    .containsExactlyInAnyOrder(grantId + "=revoked", pendingId + "=cancelled");
        });
        // re-linking does not bring the grant back
        link(client, granted);
        as(granted, "therapist").get("/api/journals/" + client).then().statusCode(403);
    }
}
