package io.therapyms.scheduling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.TestTokens;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.GoldenSamples;
import io.therapyms.events.Topics;

/** Test helpers: callers, links via Kafka, slots and requests. */
final class SchedulingApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private SchedulingApi() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static RequestSpecification as(String userId, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.forUser(userId, role));
    }

    static String sample(Class<? extends DomainEvent> type, String subject, Map<String, String> data) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(GoldenSamples.of(type));
            node.put("id", newId());
            node.put("subject", subject);
            ObjectNode fields = (ObjectNode) node.get("data");
            data.forEach(fields::put);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Produces MappingApproved to the therapists topic and waits until the client sees the slots. */
    static void link(String bootstrap, String prefix, String clientId, String therapistId) {
        String mappingRequestId = newId();
        KafkaProbe.produce(bootstrap, prefix + Topics.THERAPISTS, clientId, sample(
                io.therapyms.events.therapists.MappingApproved.class, mappingRequestId, Map.of("mappingRequestId", mappingRequestId,
                        "clientId", clientId, "therapistId", therapistId, "requestedBy", "client")));
        // The first delivery waits for the consumer group to form, which takes tens of seconds on a busy machine.
        await().atMost(Duration.ofSeconds(90)).until(() -> as(clientId, "client")
                .get("/api/session-slots/" + therapistId).statusCode() == 200);
    }

    static Instant future(int days, int hour) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(Duration.ofHours(hour));
    }

    /** Creates one slot [start, start+minutes) and returns its id. */
    static String slot(String therapistId, Instant start, int minutes) {
        return as(therapistId, "therapist").body(Map.of("slots", List.of(Map.of("startTime", start.toString(),
                "endTime", start.plus(Duration.ofMinutes(minutes)).toString()))))
                .post("/api/session-slots/" + therapistId).then().statusCode(201).extract().path("items[0].slotId");
    }

    /** The therapist approves the request and the session id is returned. */
    static String approve(String therapistId, String requestId) {
        String slotId = as(therapistId, "therapist").body(Map.of("status", "approved"))
                .put("/api/appointment-requests/" + requestId).then().statusCode(200).extract().path("slotId");
        return io.therapyms.scheduling.sessions.SessionRepository.sessionIdFor(slotId, requestId);
    }

    /**
     * Every item of a list endpoint, walked page by page with {@code limit}: each page holds at most
     * {@code limit} items, and the walk ends on a null nextCursor.
     */
    static List<Map<String, Object>> walk(Supplier<RequestSpecification> caller, String path, Map<String, ?> query,
            int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            RequestSpecification request = caller.get().queryParams(query).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> response = request.get(path).then().statusCode(200).extract();
            List<Map<String, Object>> items = response.path("items");
            assertThat(items).hasSizeLessThanOrEqualTo(limit);
            all.addAll(items);
            cursor = response.path("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("more than 1000 pages of " + path);
    }

    /** The same cursor with one byte of its payload changed (its signature no longer matches). */
    static String tampered(String cursor) {
        return (cursor.charAt(0) == 'e' ? "f" : "e") + cursor.substring(1);
    }

    static List<Object> ids(List<Map<String, Object>> items, String idField) {
        return items.stream().map(i -> i.get(idField)).toList();
    }

    static String requestStatus(String clientId, String requestId) {
        return as(clientId, "client").get("/api/appointment-requests").then().statusCode(200).extract()
                .path("items.find { it.appointmentRequestId == '" + requestId + "' }.status");
    }

    static String slotStatus(String therapistId, String slotId) {
        return as(therapistId, "therapist").get("/api/session-slots/" + therapistId).then().extract()
                .path("items.find { it.slotId == '" + slotId + "' }.status");
    }

    static String request(String clientId, String slotId) {
        return as(clientId, "client").body(Map.of("slotId", slotId)).post("/api/appointment-requests")
                .then().statusCode(201).extract().path("appointmentRequestId");
    }
}
