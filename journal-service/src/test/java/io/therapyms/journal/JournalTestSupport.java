package io.therapyms.journal;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.TestTokens;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.platform.config.PlatformConfig;

/** Shared helpers: callers, entries, links (produced as MappingApproved) and grants. */
abstract class JournalTestSupport {

    static final EventCodec CODEC = new EventCodec();

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static String id(String prefix) {
        return UUID.randomUUID().toString();
    }

    static RequestSpecification as(String userId, String role) {
        return given().auth().oauth2(TestTokens.forUser(userId, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    static String entry(String clientId, String content, String feeling, int intensity, boolean isPrivate,
            String time) {
        Map<String, Object> body = new HashMap<>(Map.of("content", content, "feeling", feeling, "intensity", intensity,
                "private", isPrivate));
        if (time != null) {
            body.put("time", time);
        }
        return as(clientId, "client").body(body).post("/api/journals/" + clientId)
                .then().statusCode(201).extract().path("journalEntryId");
    }

    static String entry(String clientId, String content, boolean isPrivate) {
        return entry(clientId, content, "calm", 5, isPrivate, null);
    }

    void publish(String topic, DomainEvent event) {
        KafkaProbe.produce(bootstrap, config.prefixed(topic), event.aggregateId(),
                CODEC.encode(event, UUID.randomUUID().toString(), Instant.now()));
    }

    /** Links therapist and client through therapists.events and waits until journal-service knows. */
    void link(String clientId, String therapistId) {
        publish(Topics.THERAPISTS, new MappingApproved(UUID.randomUUID().toString(), clientId, therapistId, "client"));
        await().atMost(Duration.ofSeconds(20)).until(() -> as(therapistId, "therapist")
                .get("/api/journals/" + clientId).statusCode() != 404);
    }

    void endMapping(String clientId, String therapistId) {
        publish(Topics.THERAPISTS, new MappingEnded(clientId, therapistId, "client"));
    }

    void deleteClient(String clientId) {
        publish(Topics.CLIENTS, new ClientDeleted(clientId));
    }

    static String requestAccess(String therapistId, String clientId, String expiresAt) {
        Map<String, Object> body = new HashMap<>(Map.of("clientId", clientId, "reason", "treatment"));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        return as(therapistId, "therapist").body(body).post("/api/journal-access-requests")
                .then().statusCode(201).extract().path("journalAccessRequestId");
    }

    static void decide(String userId, String role, String requestId, String status, int expected) {
        as(userId, role).body(Map.of("status", status)).put("/api/journal-access-requests/" + requestId)
                .then().statusCode(expected);
    }

    /** A linked therapist with an approved grant; returns the request id. */
    String grant(String clientId, String therapistId) {
        link(clientId, therapistId);
        String requestId = requestAccess(therapistId, clientId, null);
        decide(clientId, "client", requestId, "approved", 200);
        return requestId;
    }
}
