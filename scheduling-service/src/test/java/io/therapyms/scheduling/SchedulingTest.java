package io.therapyms.scheduling;

import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.sample;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static io.therapyms.scheduling.SchedulingApi.walk;
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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotDeleted;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.scheduling.sessions.Session;
import io.therapyms.scheduling.sessions.SessionStatus;
import io.therapyms.scheduling.sessions.SessionRepository;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class SchedulingTest extends SchedulingTestBase {

    @Inject
    SessionRepository sessionRepository;

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
        // gone at once, even while its SlotDeleted may still wait in the outbox: not found, and its time is free
        as(t, "therapist").delete("/api/session-slots/" + t + "/" + first).then().statusCode(404);
        String again = slot(t, start, 60);
        as(t, "therapist").delete("/api/session-slots/" + t + "/" + again).then().statusCode(204);
        // the withdrawal is published with the slot's times (analytics takes back its offered hours)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(schedulingEvents().stream()
                .map(DecodedEvent::data).filter(SlotDeleted.class::isInstance).map(SlotDeleted.class::cast)
                .filter(d -> d.therapistId().equals(t)).toList()).containsExactlyInAnyOrder(
                        new SlotDeleted(first, t, start, start.plus(Duration.ofMinutes(60))),
                        new SlotDeleted(again, t, start, start.plus(Duration.ofMinutes(60)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> schedulingEvents().stream().filter(e ->
                e.data() instanceof SlotsCreated s && s.therapistId().equals(t)).count() == 3);
        // each batch's event repeats its slots' times (analytics' offered hours)
        assertThat(schedulingEvents()).anySatisfy(e -> assertThat(e.data() instanceof SlotsCreated s
                && s.therapistId().equals(t) && s.slots() != null
                && s.slots().contains(new SlotsCreated.SlotTimes(first, start, start.plus(Duration.ofMinutes(60)))))
                .isTrue());
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
        // list windows with offsets are the same instants: 07:30Z–10:00Z holds the 08:00Z slot, 08:00:01Z–… does not
        as(t, "therapist").queryParam("from", year + "-06-10T09:30:00+02:00").queryParam("to", year + "-06-10T05:00:00-05:00")
                .get("/api/session-slots/" + t).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].startTime", equalTo(year + "-06-10T08:00:00Z"));
        as(t, "therapist").queryParam("from", year + "-06-10T10:00:01+02:00").queryParam("to", year + "-06-10T05:00:00-05:00")
                .get("/api/session-slots/" + t).then().statusCode(200).body("items.size()", equalTo(0));
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
                assertThat(walk(() -> as(t, "therapist"), "/api/sessions", Map.of(), 200))
                        .filteredOn(s -> slotId.equals(s.get("slotId"))).hasSize(1);
                List<Object> statuses = walk(() -> as(t, "therapist"), "/api/appointment-requests", Map.of(), 200)
                        .stream().filter(r -> slotId.equals(r.get("slotId"))).map(r -> r.get("status")).toList();
                assertThat(statuses).filteredOn("rejected"::equals).hasSize(19);
                assertThat(statuses).filteredOn("approved"::equals).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void privateNotesNeverReachClientsAdminsOrEvents() {
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
        as(c, "client").queryParam("status", "scheduled").get("/api/sessions").then()
                .body("items.size()", equalTo(1)).body("items[0]", not(hasKey("privateNotes")));
        as(c, "client").body(Map.of("sharedNotes", "mine")).put("/api/sessions/" + sessionId).then().statusCode(400);
        as(c, "client").body(Map.of("status", "cancelled")).put("/api/sessions/" + sessionId).then().statusCode(200)
                .body("status", equalTo("cancelled")).body("$", not(hasKey("privateNotes")));
        as(t, "therapist").get("/api/sessions/" + sessionId).then().body("privateNotes", equalTo(secret));
        as(newId(), "admin").get("/api/sessions/" + sessionId).then().statusCode(200)
                .body("$", not(hasKey("privateNotes"))).body("sharedNotes", equalTo("homework"));
        as(t, "therapist").body(Map.of("status", "completed")).put("/api/sessions/" + sessionId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> schedulingEvents().stream().anyMatch(e ->
                e.data().equals(new SessionUpdated(sessionId, c, t, "completed"))));
        // the client's own cancellation names them (analytics' cancelledByClient)
        assertThat(schedulingEvents()).anySatisfy(e -> assertThat(e.data())
                .isEqualTo(new SessionUpdated(sessionId, c, t, "cancelled", "client")));
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
        produceTwice(Topics.THERAPISTS, c, ended);
        await().atMost(Duration.ofSeconds(30)).until(() -> "rejected".equals(as(c, "client")
                .get("/api/appointment-requests").then().extract().path("items.find { it.appointmentRequestId == '"
                        + pendingReq + "' }.status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "cancelled".equals(as(c, "client")
                .get("/api/sessions").then().extract().path("items[0].status")));
        as(c, "client").get("/api/session-slots/" + t).then().statusCode(404);
        as(t, "therapist").get("/api/session-slots/" + t).then().body("items[0].status", equalTo("open"));
    }

    @Test
    void aBookedSlotCannotBeDeleted() {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        String booked = slot(t, future(6, 9), 60);
        String sessionId = SchedulingApi.approve(t, request(c, booked));

        as(t, "therapist").delete("/api/session-slots/" + t + "/" + booked).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(SchedulingApi.slotStatus(t, booked)).isEqualTo("booked");
        as(c, "client").get("/api/sessions/" + sessionId).then().statusCode(200).body("status", equalTo("scheduled"));
        // the same therapist's open slot is deleted as usual: the 409 is about the booking
        String open = slot(t, future(6, 11), 60);
        as(t, "therapist").delete("/api/session-slots/" + t + "/" + open).then().statusCode(204);
    }

    @Test
    void aClientCannotCancelASessionAfterItsStart() {
        String t = newId();
        String c = newId();
        // Slots must start in the future, so a session that has started is written as approval would write it.
        Instant now = Instant.now();
        String started = seedSession(c, t, now.minus(Duration.ofMinutes(10)));
        String upcoming = seedSession(c, t, now.plus(Duration.ofHours(2)));

        as(c, "client").body(Map.of("status", "cancelled")).put("/api/sessions/" + started).then().statusCode(409)
                .contentType("application/problem+json");
        as(c, "client").get("/api/sessions/" + started).then().statusCode(200).body("status", equalTo("scheduled"));
        // the same request before the start is accepted: the 409 is about the start
        as(c, "client").body(Map.of("status", "cancelled")).put("/api/sessions/" + upcoming).then().statusCode(200)
                .body("status", equalTo("cancelled"));
    }

    private String seedSession(String clientId, String therapistId, Instant start) {
        String sessionId = newId();
        sessionRepository.createOnce(new Session(sessionId, clientId, therapistId, newId(), newId(), start,
                start.plus(Duration.ofMinutes(50)), SessionStatus.SCHEDULED, "", ""));
        return sessionId;
    }
}
