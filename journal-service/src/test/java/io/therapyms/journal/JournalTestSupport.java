package io.therapyms.journal;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.TestTokens;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.outbox.OutboxRelay;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Shared helpers: callers, entries, links (produced as MappingApproved), grants, the stored items and the journal topic. */
abstract class JournalTestSupport {

    static final EventCodec CODEC = new EventCodec();
    /**
     * How long to wait for something asynchronous (a consumer, the relay, the broker). Generous on purpose:
     * on a loaded machine the first partition assignment after start-up alone has taken over 30 s.
     */
    static final Duration ASYNC_BOUND = Duration.ofSeconds(90);

    @Inject
    PlatformConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    OutboxRelay relay;

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
        await().atMost(ASYNC_BOUND).until(() -> as(therapistId, "therapist")
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

    /** Every item stored under one partition key of the journal table, tombstones included. */
    List<Map<String, AttributeValue>> stored(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(config.prefixed(JournalTables.MAIN))
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .consistentRead(true).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** The stored items of one entry (its copies and tombstones), found by the entry id in their sort key. */
    List<Map<String, AttributeValue>> storedCopies(String clientId, String entryId) {
        return stored("CLIENT#" + clientId).stream().filter(i -> i.get("sk").s().contains(entryId)).toList();
    }

    /** Reads journal.events from the beginning until {@code done} holds for the decoded events (one per event id). */
    List<ConsumerRecord<String, String>> readJournalTopic(Predicate<Collection<DecodedEvent>> done) {
        return KafkaProbe.readUntil(bootstrap, config.prefixed(Topics.JOURNAL), ASYNC_BOUND,
                records -> done.test(decode(records).values()));
    }

    /** The events of the records, keyed and de-duplicated by event id (delivery is at least once), in record order. */
    static Map<String, DecodedEvent> decode(List<ConsumerRecord<String, String>> records) {
        Map<String, DecodedEvent> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            DecodedEvent event = CODEC.decode(record.value());
            byId.putIfAbsent(event.envelope().id(), event);
        }
        return byId;
    }
}
