package io.therapyms.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.journal.MeasureCompleted;
import io.therapyms.events.journal.MeasureSafetyFlagged;
import io.therapyms.journal.measures.MeasureRepository;

/** PHQ-9 / GAD-7: validation, scoring on the wire, listing, consent and access log, events, erasure. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MeasuresTest extends JournalTestSupport {

    static final List<Integer> PHQ9_NO_FLAG = List.of(1, 2, 1, 0, 3, 1, 2, 1, 0); // 11 moderate
    static final List<Integer> PHQ9_FLAG = List.of(3, 3, 3, 3, 3, 2, 1, 0, 1); // 19 moderately severe, item 9 = 1
    static final List<Integer> GAD7 = List.of(1, 1, 1, 1, 1, 0, 0); // 5 mild

    @ConfigProperty(name = "journal.crisis-resources-text")
    String crisisText;

    @jakarta.inject.Inject
    MeasureRepository repository;

    static Response post(String clientId, String instrument, Object answers) {
        return as(clientId, "client").body(Map.of("instrument", instrument, "answers", answers))
                .post("/api/journals/" + clientId + "/measures");
    }

    static String measure(String clientId, String instrument, List<Integer> answers) {
        return post(clientId, instrument, answers).then().statusCode(201).extract().path("measureId");
    }

    @Test
    void invalidQuestionnairesAreProblems() {
        String client = id("client");
        String m = "/api/journals/" + client + "/measures";
        List<Object> bodies = List.of(
                Map.of("instrument", "BDI-II", "answers", PHQ9_NO_FLAG),
                Map.of("answers", PHQ9_NO_FLAG),
                Map.of("instrument", "PHQ-9", "answers", GAD7),
                Map.of("instrument", "PHQ-9", "answers", List.of(1, 2, 1, 0, 3, 1, 2, 1, 0, 0)),
                Map.of("instrument", "GAD-7", "answers", PHQ9_NO_FLAG),
                Map.of("instrument", "GAD-7"),
                Map.of("instrument", "GAD-7", "answers", List.of(1, 1, 1, 4, 1, 0, 0)),
                Map.of("instrument", "GAD-7", "answers", List.of(1, 1, 1, -1, 1, 0, 0)),
                Map.of("instrument", "PHQ-9", "answers", List.of(1, 2, 1, 0, 3, 1, 2, 1, 1.5)),
                Map.of("instrument", "PHQ-9", "answers", List.of(1, 2, 1, 0, 3, 1, 2, 1, "1")));
        for (Object body : bodies) {
            as(client, "client").body(body).post(m).then().statusCode(400)
                    .contentType(containsString("application/problem+json"));
        }
        as(client, "client").body(Map.of("instrument", "GAD-7", "answers", List.of(1, 1, 1, 4, 1, 0, 0))).post(m)
                .then().body("errors[0].field", equalTo("answers[3]"));
        as(client, "client").body(Map.of("instrument", "PHQ-9", "answers", GAD7)).post(m)
                .then().body("errors[0].field", equalTo("answers"));
        as(client, "client").get(m).then().statusCode(200).body("items", hasSize(0));
        as(client, "client").queryParam("instrument", "BDI-II").get(m).then().statusCode(400);
    }

    @Test
    void scoredAndFlaggedOnTheWire() {
        String client = id("client");
        post(client, "PHQ-9", PHQ9_NO_FLAG).then().statusCode(201)
                .body("instrument", equalTo("PHQ-9")).body("answers", equalTo(PHQ9_NO_FLAG))
                .body("score", equalTo(11)).body("severity", equalTo("moderate"))
                .body("safetyFollowUp", equalTo(false)).body("crisisResources", nullValue())
                .body("completedAt", containsString("Z"));
        post(client, "PHQ-9", PHQ9_FLAG).then().statusCode(201)
                .body("score", equalTo(19)).body("severity", equalTo("moderately severe"))
                .body("safetyFollowUp", equalTo(true)).body("crisisResources", equalTo(crisisText));
        post(client, "GAD-7", GAD7).then().statusCode(201)
                .body("score", equalTo(5)).body("severity", equalTo("mild")).body("safetyFollowUp", equalTo(false));
        assertThat(crisisText).contains("emergency");
    }

    @Test
    void listedNewestFirstFilteredAndPaged() {
        String client = id("client");
        String m = "/api/journals/" + client + "/measures";
        String first = measure(client, "PHQ-9", PHQ9_NO_FLAG);
        String second = measure(client, "GAD-7", GAD7);
        Instant between = Instant.now();
        await().until(() -> Instant.now().isAfter(between.plusMillis(5)));
        String third = measure(client, "PHQ-9", PHQ9_FLAG);
        String fourth = measure(client, "GAD-7", GAD7);

        assertThat(ids(as(client, "client").get(m))).containsExactly(fourth, third, second, first);
        assertThat(ids(as(client, "client").queryParam("instrument", "PHQ-9").get(m))).containsExactly(third, first);
        assertThat(ids(as(client, "client").queryParam("instrument", "GAD-7").get(m))).containsExactly(fourth, second);
        assertThat(ids(as(client, "client").queryParam("from", between.toString()).get(m)))
                .containsExactly(fourth, third);
        assertThat(ids(as(client, "client").queryParam("to", between.toString()).get(m)))
                .containsExactly(second, first);
        assertThat(ids(as(client, "client").queryParam("instrument", "GAD-7").queryParam("to", between.toString())
                .get(m))).containsExactly(second);
        as(client, "client").queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get(m).then().statusCode(400);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(client, "client").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(m);
            paged.addAll(ids(page));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(paged).containsExactly(fourth, third, second, first);
        String phqCursor = as(client, "client").queryParam("instrument", "PHQ-9").queryParam("limit", 1).get(m)
                .path("nextCursor");
        // a cursor is bound to its filters
        as(client, "client").queryParam("instrument", "GAD-7").queryParam("cursor", phqCursor).get(m).then()
                .statusCode(400);

        // the export's view: every measure, newest first, with the API fields
        assertThat(repository.all(client)).extracting(x -> x.measureId()).containsExactly(fourth, third, second, first);
        assertThat(repository.all(client).get(1).score()).isEqualTo(19);
    }

    @Test
    void grantedTherapistReadsAreLoggedAndRevocationShutsThemOut() {
        String client = id("client");
        String therapist = id("therapist");
        String linkedOnly = id("therapist");
        String m = "/api/journals/" + client + "/measures";
        String measureId = measure(client, "GAD-7", GAD7);
        String request = grant(client, therapist);
        link(client, linkedOnly);

        as(therapist, "therapist").get(m).then().statusCode(200).body("items[0].measureId", equalTo(measureId))
                .body("items[0].score", equalTo(5));
        as(linkedOnly, "therapist").get(m).then().statusCode(403).contentType(containsString("problem+json"));
        List<Map<String, Object>> log = as(client, "client").get("/api/journals/" + client + "/access-log")
                .then().statusCode(200).extract().path("items");
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("therapistId", therapist).containsEntry("action", "measures")
                .containsEntry("entryIds", List.of(measureId));

        decide(client, "client", request, "revoked", 200);
        as(therapist, "therapist").get(m).then().statusCode(403);
        assertThat((List<?>) as(client, "client").get("/api/journals/" + client + "/access-log").path("items"))
                .hasSize(1);
    }

    @Test
    void expiredGrantIsRefused() {
        String client = id("client");
        String therapist = id("therapist");
        measure(client, "GAD-7", GAD7);
        link(client, therapist);
        Instant expiresAt = Instant.now().plusSeconds(3);
        String request = requestAccess(therapist, client, expiresAt.toString());
        decide(client, "client", request, "approved", 200);
        as(therapist, "therapist").get("/api/journals/" + client + "/measures").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(expiresAt));
        as(therapist, "therapist").get("/api/journals/" + client + "/measures").then().statusCode(403);
    }

    @Test
    void eventsCarryIdsOnlyAndTheFlagNamesOnlyActiveGrantHolders() {
        String client = id("client");
        String granted = id("therapist");
        String linkedOnly = id("therapist");
        String revoked = id("therapist");
        grant(client, granted);
        link(client, linkedOnly);
        String revokedRequest = grant(client, revoked);
        decide(client, "client", revokedRequest, "revoked", 200);

        String plain = measure(client, "PHQ-9", PHQ9_NO_FLAG);
        String flagged = measure(client, "PHQ-9", PHQ9_FLAG);
        String gad = measure(client, "GAD-7", GAD7);

        var records = readJournalTopic(events -> measureEvents(events, client).size() >= 4);
        List<DecodedEvent> mine = measureEvents(decode(records).values(), client);
        assertThat(mine).hasSize(4);
        List<MeasureCompleted> completed = mine.stream().map(DecodedEvent::data)
                .filter(MeasureCompleted.class::isInstance).map(MeasureCompleted.class::cast).toList();
        assertThat(completed).extracting(MeasureCompleted::measureId).containsExactlyInAnyOrder(plain, flagged, gad);
        assertThat(completed).extracting(MeasureCompleted::instrument).containsExactlyInAnyOrder("PHQ-9", "PHQ-9",
                "GAD-7");
        List<MeasureSafetyFlagged> flags = mine.stream().map(DecodedEvent::data)
                .filter(MeasureSafetyFlagged.class::isInstance).map(MeasureSafetyFlagged.class::cast).toList();
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.measureId()).isEqualTo(flagged);
            assertThat(f.therapistIds()).containsExactly(granted);
        });
        // ids, instrument and time only: neither answers nor score nor severity
        records.stream().filter(r -> r.value().contains(flagged) || r.value().contains(plain))
                .forEach(r -> assertThat(r.value()).doesNotContain("answers", "score", "severity", "\"19\""));
    }

    @Test
    void erasureRemovesMeasures() {
        String client = id("client");
        measure(client, "PHQ-9", PHQ9_FLAG);
        measure(client, "GAD-7", GAD7);
        deleteClient(client);
        await().atMost(ASYNC_BOUND).until(() -> as(client, "client").get("/api/journals/" + client + "/measures")
                .<List<?>>path("items").isEmpty());
        await().atMost(ASYNC_BOUND).until(() -> stored("CLIENT#" + client).isEmpty());
    }

    private static List<DecodedEvent> measureEvents(Collection<DecodedEvent> events, String clientId) {
        return events.stream().filter(e -> e.data() instanceof MeasureCompleted c && c.clientId().equals(clientId)
                || e.data() instanceof MeasureSafetyFlagged f && f.clientId().equals(clientId)).toList();
    }

    private static List<String> ids(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.path("items.measureId");
    }
}
