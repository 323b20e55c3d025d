package io.therapyms.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.platform.app.RecordingConsumer;
import io.therapyms.platform.app.TestTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.outbox.Outbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The trace of a write reaches its Kafka record through the outbox, and a consumer continues it. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TracePropagationTest {

    private static final EventCodec CODEC = new EventCodec();

    @Inject
    Outbox outbox;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Tracer tracer;

    @Inject
    RecordingConsumer consumer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theRecordCarriesTheTraceOfTheWriteAsHeadersAndInTheEnvelope() {
        String messageId = UUID.randomUUID().toString();
        Span request = tracer.spanBuilder("request").startSpan();
        String traceId = request.getSpanContext().getTraceId();
        try (Scope ignored = request.makeCurrent()) {
            write(messageId);
        } finally {
            request.end();
        }
        outbox.flushSoon(); // outside the span: the relay publishes on its own thread, later

        ConsumerRecord<String, String> record = published(messageId);

        String header = KafkaProbe.header(record, "traceparent");
        assertThat(header).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
        assertThat(CODEC.decode(record.value()).envelope().traceparent()).isEqualTo(header);
    }

    @Test
    void aWriteOutsideAnyTraceStagesNoTraceContext() {
        String messageId = UUID.randomUUID().toString();
        write(messageId);
        outbox.flushSoon();

        ConsumerRecord<String, String> record = published(messageId);

        assertThat(KafkaProbe.header(record, "traceparent")).isNull();
        assertThat(record.value()).doesNotContain("traceparent");
    }

    @Test
    void theConsumerHandlesTheRecordInsideTheTraceOfItsEnvelope() {
        String messageId = UUID.randomUUID().toString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String value = CODEC.encode(new MessageSent(messageId, UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                UUID.randomUUID().toString(), Instant.now(), "00-" + traceId + "-00f067aa0ba902b7-01", null);

        KafkaProbe.produce(bootstrap, config.prefixed("platform-test.events"), messageId, value);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> consumer.traceIds.containsKey(messageId));
        assertThat(consumer.traceIds.get(messageId)).isEqualTo(traceId);
    }

    private void write(String messageId) {
        dynamo.putItem(p -> p.tableName(config.prefixed(TestTables.ITEMS)).item(outbox.withEvents(
                Map.of("pk", AttributeValue.fromS("message#" + messageId), "sk", AttributeValue.fromS("item")),
                new MessageSent(messageId, UUID.randomUUID().toString(), UUID.randomUUID().toString()))));
    }

    private ConsumerRecord<String, String> published(String messageId) {
        return KafkaProbe.readUntil(bootstrap, config.prefixed(Topics.MESSAGING), Duration.ofSeconds(20),
                seen -> seen.stream().anyMatch(r -> messageId.equals(r.key())))
                .stream().filter(r -> messageId.equals(r.key())).findFirst().orElseThrow();
    }
}
