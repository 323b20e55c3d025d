package io.therapyms.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.testing.Metrics;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.platform.app.TestTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import io.therapyms.platform.outbox.OutboxRelay;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Each platform meter, provoked and then read from /q/metrics as Prometheus scrapes it. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class PlatformMetricsTest {

    private static final String TABLE = "table=" + TestTables.ITEMS;
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @AfterEach
    void resumeRelay() {
        relay.resume();
    }

    @Test
    void countsTheOutboxBacklogAndThePublishedEvents() {
        relay.pause();
        double publishedBefore = Metrics.valueOrZero("tms_outbox_published_total", TABLE);
        putMessageWithEvent(UUID.randomUUID().toString());
        putMessageWithEvent(UUID.randomUUID().toString());

        await().atMost(WAIT).untilAsserted(() -> assertThat(Metrics.valueOrZero("tms_outbox_pending", TABLE)).isGreaterThanOrEqualTo(2));

        relay.resume();
        await().atMost(WAIT).untilAsserted(() -> assertThat(Metrics.valueOrZero("tms_outbox_published_total", TABLE))
                .as(() -> Metrics.scrape().lines().filter(l -> l.startsWith("tms_")).toList().toString())
                .isGreaterThanOrEqualTo(publishedBefore + 2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Metrics.valueOrZero("tms_outbox_pending", TABLE)).isZero());
    }

    @Test
    void countsAPageThatKafkaRefused() {
        relay.pause();
        double failuresBefore = Metrics.valueOrZero("tms_outbox_publish_failures_total", TABLE);
        Map<String, AttributeValue> key = putMessageWithEvent(UUID.randomUUID().toString());
        // A topic name Kafka refuses makes the send fail the way an unreachable broker would, but at once.
        dynamo.updateItem(u -> u.tableName(table()).key(key)
                .updateExpression("SET #events[0].#topic = :bad")
                .expressionAttributeNames(Map.of("#events", OutboxAttributes.EVENTS, "#topic", "topic"))
                .expressionAttributeValues(Map.of(":bad", AttributeValue.fromS("not a valid topic!"))));
        try {
            relay.resume();
            await().atMost(WAIT).until(() -> Metrics.valueOrZero("tms_outbox_publish_failures_total", TABLE) > failuresBefore);
        } finally {
            // the unsendable item would hold back its shard for good
            dynamo.deleteItem(d -> d.tableName(table()).key(key));
        }
    }

    @Test
    void countsRecordsSentToTheDeadLetterTopic() {
        double before = Metrics.valueOrZero("tms_consumer_dead_lettered_total", "reason=poison");
        KafkaProbe.produce(bootstrap, config.prefixed("platform-test.events"), UUID.randomUUID().toString(), "not json");

        await().atMost(WAIT).until(() -> Metrics.valueOrZero("tms_consumer_dead_lettered_total", "reason=poison") >= before + 1);
    }

    @Test
    void exposesTheKafkaConsumersLagThroughTheClientsOwnMetrics() {
        KafkaProbe.produce(bootstrap, config.prefixed("platform-test.events"), UUID.randomUUID().toString(), "not json");

        await().atMost(WAIT).until(() -> Metrics.value("kafka_consumer_fetch_manager_records_lag_max",
                "client_id=kafka-consumer-test-events").isPresent());
    }

    @Test
    void timesHttpRequestsByRouteTemplate() {
        double before = Metrics.valueOrZero("http_server_requests_seconds_count", "uri=/probe/boom");
        given().get("/probe/boom").then().statusCode(500);

        await().atMost(WAIT).until(() -> Metrics.valueOrZero("http_server_requests_seconds_count",
                "uri=/probe/boom", "status=500") == before + 1);
    }

    private Map<String, AttributeValue> putMessageWithEvent(String messageId) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("message#" + messageId),
                "sk", AttributeValue.fromS("item"));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("state", AttributeValue.fromS("sent"));
        dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item,
                new MessageSent(messageId, UUID.randomUUID().toString(), UUID.randomUUID().toString()))));
        return key;
    }

    private String table() {
        return config.prefixed(TestTables.ITEMS);
    }
}
