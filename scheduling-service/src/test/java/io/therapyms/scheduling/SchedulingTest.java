package io.therapyms.scheduling;

import static io.restassured.RestAssured.given;
import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.sample;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingEnded;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class SchedulingTest {

    static final EventCodec CODEC = new EventCodec();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tms.resource-prefix")
    String prefix;

    @Test
    void slotLengthsStartAndOverlapsAreChecked() {
        String t = newId();
        Instant start = future(3, 9);
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", start.toString(),
                "endTime", start.plus(Duration.ofMinutes(14)).toString())))).post("/api/session-slots/" + t)
                .then().statusCode(400);
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", start.toString(),
                "endTime", start.plus(Duration.ofMinutes(241)).toString())))).post("/api/session-slots/" + t)
                .then().statusCode(400);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", past.toString(),
                "endTime", past.plus(Duration.ofMinutes(60)).toString())))).post("/api/session-slots/" + t)
                .then().statusCode(400);
        as(t, "therapist").body(Map.of("slots", List.of())).post("/api/session-slots/" + t).then().statusCode(400);
        String first = slot(t, start, 60);
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", start.plus(Duration.ofMinutes(30)).toString(),
                "endTime", start.plus(Duration.ofMinutes(90)).toString())))).post("/api/session-slots/" + t)
                .then().statusCode(409).body("detail", containsString(first));
        Instant later = start.plus(Duration.ofHours(5));
        as(t, "therapist").body(Map.of("slots", List.of(
                Map.of("startTime", later.toString(), "endTime", later.plus(Duration.ofMinutes(60)).toString()),
                Map.of("startTime", later.plus(Duration.ofMinutes(30)).toString(),
                        "endTime", later.plus(Duration.ofMinutes(90)).toString()))))
                .post("/api/session-slots/" + t).then().statusCode(409).body("detail", containsString("batch"));
        slot(t, start.plus(Duration.ofMinutes(60)), 60); // back to back is fine
        as(t, "therapist").queryParam("from", start.minus(Duration.ofDays(1)).toString())
                .queryParam("to", start.plus(Duration.ofDays(93)).toString())
                .get("/api/session-slots/" + t).then().statusCode(400);
        as(t, "therapist").get("/api/session-slots/" + t).then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items[0].slotId", equalTo(first));
        as(t, "therapist").delete("/api/session-slots/" + t + "/" + first).then().statusCode(204);
        as(t, "therapist").get("/api/session-slots/" + t).then().body("items.size()", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> schedulingEvents().stream().filter(e ->
                e.data() instanceof SlotsCreated s && s.therapistId().equals(t)).count() == 2);
    }

    @Test
    void offsetsAreNormalisedToUtcAndLengthsUseInstantsAcrossDst() {
        String t = newId();
        int year = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear() + 1;
        // Europe/Berlin springs forward on the last Sunday of March: 00:30+01:00 → 02:00+02:00 is 30 minutes
        java.time.ZonedDateTime dst = java.time.ZonedDateTime.of(year, 3, 31, 0, 30, 0, 0, java.time.ZoneId.of("Europe/Berlin"))
                .with(java.time.temporal.TemporalAdjusters.lastInMonth(java.time.DayOfWeek.SUNDAY));
        String dstStart = dst.toOffsetDateTime().toString();
        String dstEnd = dst.plusMinutes(90).toOffsetDateTime().toString(); // wall clock 02:00+02:00 = 30 real minutes
        assertThat(dstEnd).endsWith("+02:00");
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", dstStart, "endTime", dstEnd))))
                .post("/api/session-slots/" + t).then().statusCode(201)
                .body("items[0].startTime", equalTo(dst.toInstant().toString()));
        String plusTwo = year + "-06-10T10:00:00+02:00";
        String minusFive = year + "-06-10T04:00:00-05:00"; // 09:00Z: a 60-minute slot 08:00Z–09:00Z
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", plusTwo, "endTime", minusFive))))
                .post("/api/session-slots/" + t).then().statusCode(201)
                .body("items[0].startTime", equalTo(year + "-06-10T08:00:00Z"))
                .body("items[0].endTime", equalTo(year + "-06-10T09:00:00Z"));
        // the same instants in Z clash
        as(t, "therapist").body(Map.of("slots", List.of(Map.of("startTime", year + "-06-10T08:30:00Z",
                "endTime", year + "-06-10T09:30:00Z")))).post("/api/session-slots/" + t).then().statusCode(409);
    }

    @Test
    void linkedClientRequestsAndTherapistApprovesIntoOneSession() {
        String t = newId();
        String c = newId();
        String other = newId();
        link(bootstrap, prefix, c, t);
        link(bootstrap, prefix, other, t);
        String slotId = slot(t, future(5, 10), 50);
        as(c, "client").body(Map.of("slotId", slotId, "note", "x".repeat(1001))).post("/api/appointment-requests")
                .then().statusCode(400);
        String req = as(c, "client").body(Map.of("slotId", slotId, "note", "first visit"))
                .post("/api/appointment-requests").then().statusCode(201).body("status", equalTo("pending"))
                .body("therapistId", equalTo(t)).body("note", equalTo("first visit"))
                .extract().path("appointmentRequestId");
        as(c, "client").body(Map.of("slotId", slotId)).post("/api/appointment-requests").then().statusCode(409);
        String otherReq = request(other, slotId);
        as(c, "client").body(Map.of("status", "approved")).put("/api/appointment-requests/" + req).then().statusCode(403);
        as(t, "therapist").body(Map.of("status", "approved")).put("/api/appointment-requests/" + req)
                .then().statusCode(200).body("status", equalTo("approved"));
        as(t, "therapist").body(Map.of("status", "approved")).put("/api/appointment-requests/" + otherReq)
                .then().statusCode(409);
        as(other, "client").queryParam("status", "rejected").get("/api/appointment-requests").then()
                .body("items.size()", equalTo(1));
        as(t, "therapist").get("/api/session-slots/" + t).then().body("items[0].status", equalTo("booked"));
        as(c, "client").get("/api/session-slots/" + t).then().body("items.size()", equalTo(0));
        String third = newId();
        link(bootstrap, prefix, third, t);
        as(third, "client").body(Map.of("slotId", slotId)).post("/api/appointment-requests").then().statusCode(409);
        String sessionId = as(c, "client").get("/api/sessions").then().statusCode(200)
                .body("items.size()", equalTo(1)).extract().path("items[0].sessionId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(schedulingEvents()).anySatisfy(e -> assertThat(e.data()).isInstanceOfSatisfying(
                AppointmentApproved.class, a -> assertThat(a.sessionId()).isEqualTo(sessionId))));
        assertThat(schedulingEvents()).anySatisfy(e -> assertThat(e.data()).isEqualTo(new AppointmentRequested(
                req, slotId, c, t, future(5, 10), future(5, 10).plus(Duration.ofMinutes(50)))));
        // the client cancels the future session: slot open again
        as(c, "client").body(Map.of("status", "cancelled")).put("/api/sessions/" + sessionId).then().statusCode(200);
        as(t, "therapist").get("/api/session-slots/" + t).then().body("items[0].status", equalTo("open"));
    }

    @Test
    void atMostTenPendingRequestsPerClientAndCancelFreesOne() {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(request(c, slot(t, future(2, 0).plus(Duration.ofHours(i)), 30)));
        }
        String eleventh = slot(t, future(2, 12), 30);
        as(c, "client").body(Map.of("slotId", eleventh)).post("/api/appointment-requests").then().statusCode(409);
        as(c, "client").body(Map.of("status", "cancelled")).put("/api/appointment-requests/" + requests.get(0))
                .then().statusCode(200);
        as(c, "client").body(Map.of("status", "cancelled")).put("/api/appointment-requests/" + requests.get(0))
                .then().statusCode(409);
        request(c, eleventh);
    }

    @Test
    void twentyRacingApprovalsBookOneSessionAndRejectTheRestTwentyTimes() throws Exception {
        String t = newId();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(newId());
        }
        clients.parallelStream().forEach(c -> link(bootstrap, prefix, c, t));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int round = 0; round < 20; round++) {
                String slotId = slot(t, future(10, 0).plus(Duration.ofHours(round)), 30);
                List<String> requests = clients.stream().map(c -> request(c, slotId)).toList();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (String req : requests) {
                    Callable<Integer> approve = () -> {
                        go.await();
                        return as(t, "therapist").body(Map.of("status", "approved"))
                                .put("/api/appointment-requests/" + req).statusCode();
                    };
                    results.add(pool.submit(approve));
                }
                go.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> r : results) {
                    codes.add(r.get());
                }
                assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
                assertThat(codes).filteredOn(c -> c == 409).hasSize(19);
                List<Map<String, Object>> sessions = as(t, "therapist").get("/api/sessions").then().extract()
                        .path("items");
                assertThat(sessions).filteredOn(s -> slotId.equals(s.get("slotId"))).hasSize(1);
                List<String> statuses = as(t, "therapist").get("/api/appointment-requests").then().extract()
                        .path("items.findAll { it.slotId == '" + slotId + "' }.status");
                assertThat(statuses).filteredOn("rejected"::equals).hasSize(19);
                assertThat(statuses).filteredOn("approved"::equals).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void privateNotesNeverReachClientsOrEvents() {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        String slotId = slot(t, future(6, 9), 60);
        String req = request(c, slotId);
        as(t, "therapist").body(Map.of("status", "approved")).put("/api/appointment-requests/" + req).then().statusCode(200);
        String sessionId = as(t, "therapist").get("/api/sessions").then().extract().path("items[0].sessionId");
        String secret = "PRIVATE-" + newId();
        as(t, "therapist").body(Map.of("sharedNotes", "homework", "privateNotes", secret))
                .put("/api/sessions/" + sessionId).then().statusCode(200).body("privateNotes", equalTo(secret));
        as(t, "therapist").body(Map.of("privateNotes", "x".repeat(20_001))).put("/api/sessions/" + sessionId)
                .then().statusCode(400);
        as(c, "client").get("/api/sessions/" + sessionId).then().statusCode(200)
                .body("$", not(hasKey("privateNotes"))).body("sharedNotes", equalTo("homework"));
        as(c, "client").get("/api/sessions").then().body("items[0]", not(hasKey("privateNotes")));
        as(c, "client").body(Map.of("sharedNotes", "mine")).put("/api/sessions/" + sessionId).then().statusCode(400);
        as(t, "therapist").body(Map.of("status", "completed")).put("/api/sessions/" + sessionId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> schedulingEvents().stream().anyMatch(e ->
                e.data().equals(new SessionUpdated(sessionId, c, t, "completed"))));
        assertThat(KafkaProbe.readAll(bootstrap, prefix + Topics.SCHEDULING))
                .noneMatch(r -> r.value().contains(secret) || r.value().contains("homework"));
    }

    @Test
    void mappingEndedRejectsPendingRequestsAndCancelsFutureSessions() {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        String booked = slot(t, future(4, 9), 60);
        String pending = slot(t, future(4, 11), 60);
        String bookedReq = request(c, booked);
        String pendingReq = request(c, pending);
        as(t, "therapist").body(Map.of("status", "approved")).put("/api/appointment-requests/" + bookedReq).then().statusCode(200);
        String ended = sample(MappingEnded.class, c, Map.of("clientId", c, "therapistId", t, "endedBy", "client"));
        KafkaProbe.produce(bootstrap, prefix + Topics.THERAPISTS, c, ended);
        KafkaProbe.produce(bootstrap, prefix + Topics.THERAPISTS, c, ended); // replay: one effect
        await().atMost(Duration.ofSeconds(30)).until(() -> "rejected".equals(as(c, "client")
                .get("/api/appointment-requests").then().extract().path("items.find { it.appointmentRequestId == '"
                        + pendingReq + "' }.status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "cancelled".equals(as(c, "client")
                .get("/api/sessions").then().extract().path("items[0].status")));
        as(c, "client").get("/api/session-slots/" + t).then().statusCode(404);
        as(t, "therapist").get("/api/session-slots/" + t).then().body("items[0].status", equalTo("open"));
    }

    @Test
    void authorizationMatrix() {
        String t = newId();
        String c = newId();
        String otherT = newId();
        String clientOfOther = newId();
        String unlinked = newId();
        String admin = newId();
        link(bootstrap, prefix, c, t);
        link(bootstrap, prefix, clientOfOther, otherT);
        String slotId = slot(t, future(7, 9), 60);
        String spare = slot(t, future(7, 12), 60);
        String req = request(c, slotId);
        String[][] callers = { { c, "client" }, { clientOfOther, "client" }, { unlinked, "client" },
                { t, "therapist" }, { otherT, "therapist" }, { admin, "admin" } };
        // expected per caller: owner client, client of another therapist, unlinked client, slot's therapist,
        // another therapist, admin; anonymous always 401
        Object[][] rows = {
                { "GET", "/api/session-slots/" + t, null, new int[] { 200, 404, 404, 200, 404, 200 } },
                { "POST", "/api/session-slots/" + t, "slots", new int[] { 404, 404, 404, 201, 403, 403 } },
                { "DELETE", "/api/session-slots/" + t + "/" + spare, null, new int[] { 404, 404, 404, 204, 404, 403 } },
                { "POST", "/api/appointment-requests", "request", new int[] { 409, 404, 404, 403, 403, 403 } },
                { "GET", "/api/appointment-requests", null, new int[] { 200, 200, 200, 200, 200, 200 } },
                { "PUT", "/api/appointment-requests/" + req, "reject", new int[] { 403, 404, 404, 200, 404, 403 } },
                { "GET", "/api/sessions", null, new int[] { 200, 200, 200, 200, 200, 200 } },
        };
        for (Object[] row : rows) {
            String method = (String) row[0];
            String path = (String) row[1];
            int[] expected = (int[]) row[3];
            assertThat(given().contentType("application/json").body(body((String) row[2], slotId))
                    .request(method, path).statusCode()).as("anonymous %s %s", method, path).isEqualTo(401);
            for (int i = 0; i < callers.length; i++) {
                int status = as(callers[i][0], callers[i][1]).body(body((String) row[2], slotId))
                        .request(method, path).statusCode();
                assertThat(status).as("%s %s as %s", method, path, callers[i][1] + i).isEqualTo(expected[i]);
            }
        }
        // a session: its parties and admin read it, everyone else gets 404
        String slot2 = slot(t, future(8, 9), 60);
        String req2 = request(c, slot2);
        as(t, "therapist").body(Map.of("status", "approved")).put("/api/appointment-requests/" + req2).then().statusCode(200);
        String sessionId = as(t, "therapist").get("/api/sessions").then().extract().path("items[0].sessionId");
        int[] read = { 200, 404, 404, 200, 404, 200 };
        int[] write = { 400, 404, 404, 200, 404, 403 };
        given().get("/api/sessions/" + sessionId).then().statusCode(401);
        for (int i = 0; i < callers.length; i++) {
            assertThat(as(callers[i][0], callers[i][1]).get("/api/sessions/" + sessionId).statusCode())
                    .as("GET session as %d", i).isEqualTo(read[i]);
            assertThat(as(callers[i][0], callers[i][1]).body(Map.of("sharedNotes", "n"))
                    .put("/api/sessions/" + sessionId).statusCode()).as("PUT session as %d", i).isEqualTo(write[i]);
        }
    }

    private static Object body(String kind, String slotId) {
        if (kind == null) {
            return Map.of();
        }
        return switch (kind) {
            case "slots" -> Map.of("slots", List.of(Map.of("startTime", future(20, 9).toString(),
                    "endTime", future(20, 10).toString())));
            case "request" -> Map.of("slotId", slotId);
            case "reject" -> Map.of("status", "rejected");
            default -> Map.of();
        };
    }

    private List<DecodedEvent> schedulingEvents() {
        return KafkaProbe.readAll(bootstrap, prefix + Topics.SCHEDULING).stream().map(r -> CODEC.decode(r.value()))
                .toList();
    }
}
