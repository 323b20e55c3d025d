package io.therapyms.scheduling;

import static io.therapyms.scheduling.SchedulingApi.approve;
import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.ids;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.tampered;
import static io.therapyms.scheduling.SchedulingApi.walk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;

/** limit/cursor on every list: pages cover each item exactly once, in order; altered or foreign cursors are 400. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ListPagingTest extends SchedulingTestBase {

    @Test
    void pagesCoverEveryItemOnceForEachCaller() {
        String t = newId();
        String c = newId();
        String admin = newId();
        link(bootstrap, prefix, c, t);
        Instant first = future(50, 8);
        List<Map<String, String>> ranges = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant start = first.plus(Duration.ofHours(i));
            ranges.add(Map.of("startTime", start.toString(), "endTime", start.plus(Duration.ofMinutes(45)).toString()));
        }
        List<String> slotIds = as(t, "therapist").body(Map.of("slots", ranges)).post("/api/session-slots/" + t)
                .then().statusCode(201).extract().path("items.slotId");
        List<String> requestIds = new ArrayList<>();
        for (String slotId : slotIds.subList(0, 5)) {
            requestIds.add(request(c, slotId));
        }
        List<String> sessionIds = requestIds.subList(0, 3).stream().map(r -> approve(t, r)).toList();
        Supplier<RequestSpecification> therapist = () -> as(t, "therapist");
        Supplier<RequestSpecification> client = () -> as(c, "client");
        Supplier<RequestSpecification> anAdmin = () -> as(admin, "admin");

        // slots, by start time: all for the therapist and the admin, the open ones for the client
        assertThat(ids(walk(therapist, "/api/session-slots/" + t, Map.of(), 2), "slotId")).containsExactlyElementsOf(slotIds);
        List<Map<String, Object>> booked = walk(anAdmin, "/api/session-slots/" + t, Map.of("status", "booked"), 1);
        assertThat(ids(booked, "slotId")).containsExactlyElementsOf(slotIds.subList(0, 3));
        assertThat(booked).allSatisfy(slot -> assertThat(slot).containsOnlyKeys("slotId", "therapistId", "startTime",
                "endTime", "status"));
        assertThat(ids(walk(client, "/api/session-slots/" + t, Map.of(), 3), "slotId"))
                .containsExactlyElementsOf(slotIds.subList(3, 7));

        // requests, newest first: the client's and the therapist's; the admin's list holds them once among all
        List<String> newestFirst = new ArrayList<>(requestIds);
        Collections.reverse(newestFirst);
        assertThat(ids(walk(client, "/api/appointment-requests", Map.of(), 2), "appointmentRequestId"))
                .containsExactlyElementsOf(newestFirst);
        assertThat(ids(walk(therapist, "/api/appointment-requests", Map.of(), 3), "appointmentRequestId"))
                .containsExactlyElementsOf(newestFirst);
        assertThat(ids(walk(therapist, "/api/appointment-requests", Map.of("status", "pending"), 1),
                "appointmentRequestId")).containsExactlyElementsOf(newestFirst.subList(0, 2));
        List<Map<String, Object>> allRequests = walk(anAdmin, "/api/appointment-requests", Map.of(), 50);
        assertThat(ids(allRequests, "appointmentRequestId")).doesNotHaveDuplicates().containsAll(requestIds);
        assertThat(allRequests).extracting(r -> (String) r.get("createdAt"))
                .isSortedAccordingTo(Comparator.comparing(Instant::parse, Comparator.reverseOrder()));

        // sessions, by start time: the parties' and, among all, the admin's
        assertThat(ids(walk(client, "/api/sessions", Map.of(), 2), "sessionId")).containsExactlyElementsOf(sessionIds);
        assertThat(ids(walk(therapist, "/api/sessions", Map.of("status", "scheduled"), 1), "sessionId"))
                .containsExactlyElementsOf(sessionIds);
        List<Map<String, Object>> allSessions = walk(anAdmin, "/api/sessions", Map.of(), 50);
        assertThat(ids(allSessions, "sessionId")).doesNotHaveDuplicates().containsAll(sessionIds);
        assertThat(allSessions).extracting(s -> (String) s.get("startTime"))
                .isSortedAccordingTo(Comparator.comparing(Instant::parse));
        Map<String, String> window = Map.of("from", first.toString(), "to", first.plus(Duration.ofHours(2)).toString());
        assertThat(ids(walk(anAdmin, "/api/sessions", window, 1), "sessionId"))
                .containsAll(sessionIds.subList(0, 2)).doesNotContain(sessionIds.get(2));
    }

    @Test
    void alteredForeignAndOutOfRangeCursorsAndLimitsAre400() {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        Instant first = future(55, 8);
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String slotId = SchedulingApi.slot(t, first.plus(Duration.ofHours(i)), 30);
            requestIds.add(request(c, slotId));
        }
        approve(t, requestIds.get(0));
        approve(t, requestIds.get(1));
        record PagedList(String path, Supplier<RequestSpecification> caller, String otherStatus) {
        }
        List<PagedList> lists = List.of(new PagedList("/api/session-slots/" + t, () -> as(t, "therapist"), "open"),
                new PagedList("/api/appointment-requests", () -> as(c, "client"), "pending"),
                new PagedList("/api/sessions", () -> as(c, "client"), "scheduled"));
        for (PagedList list : lists) {
            String path = list.path();
            Supplier<RequestSpecification> caller = () -> list.caller().get().queryParam("limit", 1);
            String cursor = caller.get().get(path).then().statusCode(200).body("items.size()", equalTo(1))
                    .extract().path("nextCursor");
            assertThat(cursor).as(path).isNotNull();
            caller.get().queryParam("cursor", cursor).get(path).then().statusCode(200);
            caller.get().queryParam("cursor", tampered(cursor)).get(path).then().statusCode(400);
            caller.get().queryParam("cursor", "not-a-cursor").get(path).then().statusCode(400);
            // the cursor of one query does not continue another (here: the same list with a status filter)
            caller.get().queryParam("cursor", cursor).queryParam("status", list.otherStatus()).get(path).then()
                    .statusCode(400);
            for (String limit : List.of("0", "201", "abc", "-1")) {
                list.caller().get().queryParam("limit", limit).get(path).then().statusCode(400);
            }
            list.caller().get().queryParam("limit", 200).get(path).then().statusCode(200);
        }
        // nor another caller's list
        String clientCursor = as(c, "client").queryParam("limit", 1).get("/api/appointment-requests").then()
                .extract().path("nextCursor");
        as(t, "therapist").queryParam("limit", 1).queryParam("cursor", clientCursor).get("/api/appointment-requests")
                .then().statusCode(400);
    }
}
