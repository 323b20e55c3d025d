package io.therapyms.scheduling;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
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
        await().atMost(Duration.ofSeconds(30)).until(() -> as(clientId, "client")
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

    static String request(String clientId, String slotId) {
        return as(clientId, "client").body(Map.of("slotId", slotId)).post("/api/appointment-requests")
                .then().statusCode(201).extract().path("appointmentRequestId");
    }
}
