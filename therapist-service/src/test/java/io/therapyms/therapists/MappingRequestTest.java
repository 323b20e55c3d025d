package io.therapyms.therapists;

import static io.therapyms.therapists.TherapistApi.as;
import static io.therapyms.therapists.TherapistApi.asAdmin;
import static io.therapyms.therapists.TherapistApi.decide;
import static io.therapyms.therapists.TherapistApi.newId;
import static io.therapyms.therapists.TherapistApi.requestMapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.therapists.MappingRequested;
import io.therapyms.therapists.clients.KnownClients;
import io.therapyms.therapists.mappings.MappingRepository;
import io.therapyms.therapists.mappings.MappingRequest;
import io.therapyms.therapists.mappings.MappingRequestStatus;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MappingRequestTest {

    @Inject
    KnownClients knownClients;

    @Inject
    MappingRepository mappingRepository;

    @Test
    void aRequestWhoseRecordWasLostInACrashIsRebuiltFromThePairAndCanBeDecided() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. After Crash");
        String client = newId();
        String requestId = newId();
        // the pair (lock + event) was written, the service stopped before the request record
        assertThat(mappingRepository.lockForRequest(new MappingRequest(requestId, client, therapist, "client", MappingRequestStatus.PENDING,
                java.time.Instant.now()), new MappingRequested(requestId, client, therapist, "client"))).isTrue();
        decide(therapist, "therapist", requestId, "approved").then().statusCode(404);

        requestMapping(client, therapist).then().statusCode(409);
        as(therapist, "therapist").queryParam("status", "pending").get("/api/mapping-requests").then()
                .body("items.mappingRequestId", contains(requestId));
        decide(therapist, "therapist", requestId, "approved").then().statusCode(200);
    }

    @Test
    void aClientRequestsAVerifiedTherapistWhoApprovesAndTheyAreLinked() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Approver");
        String client = newId();
        String requestId = requestMapping(client, therapist).then().statusCode(201)
                .body("clientId", equalTo(client)).body("therapistId", equalTo(therapist))
                .body("requestedBy", equalTo("client")).body("status", equalTo("pending"))
                .body("createdAt", notNullValue())
                .extract().path("mappingRequestId");
        decide(therapist, "therapist", requestId, "approved").then().statusCode(200).body("status", equalTo("approved"));
        as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").then()
                .body("items.clientId", contains(client));
        requestMapping(client, therapist).then().statusCode(409);
        as(client, "client").get("/api/mapping-requests").then().statusCode(200)
                .body("items.mappingRequestId", contains(requestId)).body("items[0].status", equalTo("approved"));
    }

    @Test
    void aTherapistInvitesAKnownClientWhoRejects() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Inviter");
        String client = newId();
        knownClients.registered(client, "Known Client");
        String requestId = as(therapist, "therapist").body(Map.of("clientId", client)).post("/api/mapping-requests")
                .then().statusCode(201).body("requestedBy", equalTo("therapist")).extract().path("mappingRequestId");
        decide(therapist, "therapist", requestId, "approved").then().statusCode(403);
        decide(client, "client", requestId, "rejected").then().statusCode(200).body("status", equalTo("rejected"));
        decide(client, "client", requestId, "approved").then().statusCode(409);
        // a rejected request frees the pair for a new one
        requestMapping(client, therapist).then().statusCode(201);
    }

    @Test
    void theRequesterCancelsButCannotApprove() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Cancelled");
        String client = newId();
        String requestId = requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
        decide(client, "client", requestId, "approved").then().statusCode(403);
        decide(therapist, "therapist", requestId, "cancelled").then().statusCode(403);
        decide(client, "client", requestId, "cancelled").then().statusCode(200).body("status", equalTo("cancelled"));
        decide(therapist, "therapist", requestId, "approved").then().statusCode(409);
        decide(client, "client", requestId, "pending").then().statusCode(400);
    }

    @Test
    void unrelatedCallersDoNotSeeARequest() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Private");
        String client = newId();
        String requestId = requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
        decide(newId(), "client", requestId, "cancelled").then().statusCode(404);
        decide(newId(), "therapist", requestId, "approved").then().statusCode(404);
        decide(newId(), "client", newId(), "cancelled").then().statusCode(404);
        as(newId(), "client").get("/api/mapping-requests").then().body("items.mappingRequestId", not(hasItem(requestId)));
        asAdmin().queryParam("status", "pending").queryParam("limit", 200).get("/api/mapping-requests").then()
                .statusCode(200).body("items.status", everyItem(equalTo("pending")));
        as(therapist, "therapist").queryParam("status", "pending").get("/api/mapping-requests").then()
                .body("items.mappingRequestId", contains(requestId));
        as(therapist, "therapist").queryParam("status", "approved").get("/api/mapping-requests").then()
                .body("items.mappingRequestId", not(hasItem(requestId)));
        as(therapist, "therapist").queryParam("status", "bogus").get("/api/mapping-requests").then().statusCode(400);
    }

    @Test
    void unknownUnverifiedOrMissingPartiesAreRefused() {
        String unverified = TherapistApi.newTherapist("Dr. Unverified");
        requestMapping(newId(), unverified).then().statusCode(404);
        requestMapping(newId(), newId()).then().statusCode(404);
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Unknown Client");
        as(therapist, "therapist").body(Map.of("clientId", newId())).post("/api/mapping-requests").then().statusCode(404);
        as(unverified, "therapist").body(Map.of("clientId", newId())).post("/api/mapping-requests").then().statusCode(403);
        // each side names only the other party
        String client = newId();
        as(client, "client").body(Map.of("therapistId", therapist, "clientId", newId())).post("/api/mapping-requests")
                .then().statusCode(400);
        as(therapist, "therapist").body(Map.of("therapistId", therapist)).post("/api/mapping-requests").then().statusCode(400);
        as(client, "client").body(Map.of("therapistId", therapist, "status", "approved")).post("/api/mapping-requests")
                .then().statusCode(400);
        asAdmin().body(Map.of("therapistId", therapist)).post("/api/mapping-requests").then().statusCode(403);
    }

    @Test
    void requestListsArePagedWithSignedCursors() {
        String client = newId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(requestMapping(client, TherapistApi.newVerifiedTherapist("Dr. Paged " + i)).then().statusCode(201)
                    .extract().path("mappingRequestId"));
        }
        String cursor = as(client, "client").queryParam("limit", 2).get("/api/mapping-requests").then().statusCode(200)
                .body("items.mappingRequestId", contains(ids.get(2), ids.get(1))).extract().path("nextCursor");
        as(client, "client").queryParam("limit", 2).queryParam("cursor", cursor).get("/api/mapping-requests").then()
                .statusCode(200).body("items.mappingRequestId", contains(ids.get(0)));
        as(newId(), "client").queryParam("cursor", cursor).get("/api/mapping-requests").then().statusCode(400);
    }

    @Test
    void eitherPartyOrAnAdminEndsALinkOnce() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Ending");
        String client = newId();
        TherapistApi.link(client, therapist);
        as(newId(), "client").delete("/api/mappings/" + client + "/" + therapist).then().statusCode(404);
        as(client, "client").delete("/api/mappings/" + client + "/" + therapist).then().statusCode(204);
        as(therapist, "therapist").delete("/api/mappings/" + client + "/" + therapist).then().statusCode(404);
        as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").then()
                .body("items.clientId", not(hasItem(client)));
        TherapistApi.link(client, therapist);
        asAdmin().delete("/api/mappings/" + client + "/" + therapist).then().statusCode(204);
    }

    @Test
    void tenConcurrentRequestsForTheSamePairCreateExactlyOne() throws Exception {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Raced");
        String client = newId();
        List<Response> responses = race(10, () -> requestMapping(client, therapist));
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        String winner = responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().path("mappingRequestId");
        // the one stored is the one the winner was told about
        as(client, "client").get("/api/mapping-requests").then()
                .body("items.mappingRequestId", contains(winner)).body("items[0].status", equalTo("pending"));
    }

    @Test
    void concurrentApprovalsCreateOneLink() throws Exception {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Double Approve");
        String client = newId();
        String requestId = requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
        List<Integer> statuses = race(8, () -> decide(therapist, "therapist", requestId, "approved").statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).containsOnly(200, 409);
        as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").then()
                .body("items.clientId", contains(client));
        assertThat(storedStatus(client, requestId)).isEqualTo("approved");
    }

    @Test
    void approveAndCancelRacingLeaveTheWinnersOutcomeStored() throws Exception {
        // a few rounds, so both winners are likely to occur; each round checks its own winner
        for (int round = 0; round < 4; round++) {
            String therapist = TherapistApi.newVerifiedTherapist("Dr. Approve Or Cancel");
            String client = newId();
            String requestId = requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
            List<Integer> statuses = race(2, List.of(
                    () -> decide(therapist, "therapist", requestId, "approved").statusCode(),
                    () -> decide(client, "client", requestId, "cancelled").statusCode()));
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            boolean approvalWon = statuses.get(0) == 200;

            assertThat(storedStatus(client, requestId)).isEqualTo(approvalWon ? "approved" : "cancelled");
            assertThat(storedStatus(therapist, "therapist", requestId)).isEqualTo(approvalWon ? "approved" : "cancelled");
            List<String> linked = as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").then()
                    .statusCode(200).extract().jsonPath().getList("items.clientId", String.class);
            assertThat(linked).isEqualTo(approvalWon ? List.of(client) : List.of());
        }
    }

    /** The request's status as its client reads it back afterwards. */
    private static String storedStatus(String client, String requestId) {
        return storedStatus(client, "client", requestId);
    }

    private static String storedStatus(String userId, String role, String requestId) {
        List<Map<String, Object>> items = as(userId, role).get("/api/mapping-requests").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().filter(item -> requestId.equals(item.get("mappingRequestId")))
                .map(item -> (String) item.get("status")).findFirst().orElseThrow();
    }

    private static <T> List<T> race(int threads, Callable<T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(call);
        }
        return race(threads, calls);
    }

    /** Runs the calls at once; the results are in the order of the calls. */
    private static <T> List<T> race(int threads, List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }
}
