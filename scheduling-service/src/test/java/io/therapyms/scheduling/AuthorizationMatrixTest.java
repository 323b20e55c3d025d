package io.therapyms.scheduling;

import static io.restassured.RestAssured.given;
import static io.therapyms.scheduling.SchedulingApi.approve;
import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;

/** Every endpoint × every kind of caller; a refused call leaves its resource as it was. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest extends SchedulingTestBase {

    /** The callers, in the order of each row's expected statuses. */
    static final List<String> CALLERS = List.of("linked client", "client of another therapist", "unlinked client",
            "the therapist", "another therapist", "admin", "anonymous");

    /** One call: where and with what body. */
    record Call(String path, Object body) {
    }

    /**
     * One endpoint. {@code fresh} makes a new target (a successful change gets its own, so that it cannot
     * hide or cause another caller's answer); {@code observe} reads the target's state, which every refused
     * call must leave as it was (null: a GET, or a creation).
     */
    record Row(String method, Supplier<Call> fresh, Function<Call, Object> observe, int... expected) {
    }

    @Test
    void everyEndpointAnswersEveryKindOfCaller() {
        String t = newId();
        String c = newId();
        String otherT = newId();
        String clientOfOther = newId();
        String unlinked = newId();
        String admin = newId();
        link(bootstrap, prefix, c, t);
        link(bootstrap, prefix, clientOfOther, otherT);
        List<Supplier<RequestSpecification>> callers = List.of(() -> as(c, "client"), () -> as(clientOfOther, "client"),
                () -> as(unlinked, "client"), () -> as(t, "therapist"), () -> as(otherT, "therapist"),
                () -> as(admin, "admin"), () -> given().contentType(ContentType.JSON));

        AtomicInteger hours = new AtomicInteger();
        Supplier<Instant> nextStart = () -> future(30, 0).plus(Duration.ofHours(2L * hours.getAndIncrement()));
        Supplier<String> openSlot = () -> slot(t, nextStart.get(), 60);
        Supplier<String> pendingRequest = () -> request(c, openSlot.get());
        Supplier<String> session = () -> approve(t, pendingRequest.get());

        Function<Call, Object> requestStatus = call -> as(c, "client").get("/api/appointment-requests").then()
                .extract().path("items.find { it.appointmentRequestId == '" + lastSegment(call) + "' }.status");
        // Read as the therapist: only their view includes the private notes a refused call must not have changed.
        Function<Call, Object> sessionState = call -> as(t, "therapist").get(call.path()).then().statusCode(200)
                .extract().as(Map.class);
        Function<Call, Object> slotListed = call -> as(t, "therapist").get("/api/session-slots/" + t).then()
                .extract().path("items.find { it.slotId == '" + lastSegment(call) + "' }.status");

        List<Row> rows = List.of(
                new Row("GET", () -> new Call("/api/session-slots/" + t, null), null,
                        200, 404, 404, 200, 404, 200, 401),
                new Row("POST", () -> new Call("/api/session-slots/" + t, Map.of("slots", List.of(range(nextStart.get())))),
                        null, 403, 404, 404, 201, 403, 403, 401),
                new Row("DELETE", () -> new Call("/api/session-slots/" + t + "/" + openSlot.get(), null), slotListed,
                        403, 404, 404, 204, 404, 403, 401),
                new Row("POST", () -> new Call("/api/appointment-requests", Map.of("slotId", openSlot.get())), null,
                        201, 404, 404, 403, 403, 403, 401),
                new Row("GET", () -> new Call("/api/appointment-requests", null), null,
                        200, 200, 200, 200, 200, 200, 401),
                new Row("PUT", () -> decision(pendingRequest.get(), "approved"), requestStatus,
                        403, 404, 404, 200, 404, 403, 401),
                new Row("PUT", () -> decision(pendingRequest.get(), "rejected"), requestStatus,
                        403, 404, 404, 200, 404, 403, 401),
                new Row("PUT", () -> decision(pendingRequest.get(), "cancelled"), requestStatus,
                        200, 404, 404, 403, 404, 403, 401),
                new Row("GET", () -> new Call("/api/sessions", null), null,
                        200, 200, 200, 200, 200, 200, 401),
                new Row("GET", () -> new Call("/api/sessions/" + session.get(), null), null,
                        200, 404, 404, 200, 404, 200, 401),
                // The client's therapist-only writes: fields a client may not set are a 400 (API.md conventions).
                new Row("PUT", () -> new Call("/api/sessions/" + session.get(), Map.of("sharedNotes", "n")), sessionState,
                        400, 404, 404, 200, 404, 403, 401),
                new Row("PUT", () -> new Call("/api/sessions/" + session.get(), Map.of("privateNotes", "n")), sessionState,
                        400, 404, 404, 200, 404, 403, 401),
                new Row("PUT", () -> new Call("/api/sessions/" + session.get(), Map.of("status", "completed")),
                        sessionState, 400, 404, 404, 200, 404, 403, 401),
                new Row("PUT", () -> new Call("/api/sessions/" + session.get(), Map.of("status", "no_show")),
                        sessionState, 400, 404, 404, 200, 404, 403, 401),
                new Row("PUT", () -> new Call("/api/sessions/" + session.get(), Map.of("status", "cancelled")),
                        sessionState, 200, 404, 404, 200, 404, 403, 401),
                // calendar feeds: each caller their own (admins have no sessions); POST made the feeds DELETE revokes
                new Row("POST", () -> new Call("/api/calendar/feed", Map.of("includeNames", false)), null,
                        201, 201, 201, 201, 201, 403, 401),
                new Row("DELETE", () -> new Call("/api/calendar/feed", null), null,
                        204, 204, 204, 204, 204, 403, 401),
                // the secret URL is the credential: whoever holds it reads the feed, signed in or not
                new Row("GET", () -> new Call(feedPath(c), null), null,
                        200, 200, 200, 200, 200, 200, 200));

        for (Row row : rows) {
            Call shared = row.fresh().get();
            Object before = row.observe() == null ? null : row.observe().apply(shared);
            for (int i = 0; i < CALLERS.size(); i++) {
                boolean succeeds = row.expected()[i] < 300;
                Call call = succeeds && !row.method().equals("GET") ? row.fresh().get() : shared;
                int status = send(callers.get(i).get(), row.method(), call).statusCode();
                assertThat(status).as("%s %s as %s", row.method(), shared.path(), CALLERS.get(i))
                        .isEqualTo(row.expected()[i]);
            }
            if (row.observe() != null) {
                assertThat(row.observe().apply(shared)).as("%s %s after the refused calls", row.method(), shared.path())
                        .isEqualTo(before);
            }
        }
    }

    private static io.restassured.response.Response send(RequestSpecification caller, String method, Call call) {
        if (call.body() != null) {
            caller.body(call.body());
        }
        return caller.request(method, call.path());
    }

    private static String feedPath(String clientId) {
        String url = as(clientId, "client").body(Map.of("includeNames", false)).post("/api/calendar/feed").then()
                .statusCode(201).extract().path("url");
        return url.substring(url.indexOf("/api/"));
    }

    private static Call decision(String requestId, String status) {
        return new Call("/api/appointment-requests/" + requestId, Map.of("status", status));
    }

    private static Map<String, String> range(Instant start) {
        return Map.of("startTime", start.toString(), "endTime", start.plus(Duration.ofMinutes(60)).toString());
    }

    private static String lastSegment(Call call) {
        return call.path().substring(call.path().lastIndexOf('/') + 1);
    }
}
