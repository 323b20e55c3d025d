package io.therapyms.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.EventCodec;
import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.platform.app.RecordingConsumer;
import io.therapyms.platform.config.PlatformConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class IdempotentConsumerTest {

    private static final EventCodec CODEC = new EventCodec();

    @Inject
    RecordingConsumer recorder;

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.application.name")
    String consumerName;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ProcessedEventsTable processedEvents;

    @Inject
    DynamoDbClient dynamo;

    @Test
    void aTypeTheHandlerDoesNotApplyIsAcknowledgedWithoutBookkeepingAndAHandledOneIsRemembered() {
        String ignoredId = UUID.randomUUID().toString();
        String handledId = UUID.randomUUID().toString();
        String ignored = CODEC.encode(new MessageRead(UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                ignoredId, Instant.now());
        String handled = CODEC.encode(new MessageSent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString()), handledId, Instant.now());
        List<String> applied = new ArrayList<>();
        Set<Class<? extends io.therapyms.events.DomainEvent>> onlySent = Set.of(MessageSent.class);

        consumer.consume(ignored, onlySent, event -> applied.add(event.envelope().id()));
        consumer.consume(handled, onlySent, event -> applied.add(event.envelope().id()));
        consumer.consume(handled, onlySent, event -> applied.add(event.envelope().id())); // redelivered

        assertThat(applied).containsExactly(handledId);
        assertThat(processed(ignoredId)).as("bookkeeping for an ignored type").isEmpty();
        assertThat(processed(handledId)).as("bookkeeping for a handled type").isNotEmpty();
    }

    @Test
    void withoutDeduplicationARepeatIsAppliedAgainAndNothingIsRemembered() {
        String handledId = UUID.randomUUID().toString();
        String handled = CODEC.encode(new MessageSent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString()), handledId, Instant.now());
        String ignored = CODEC.encode(new MessageRead(UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                UUID.randomUUID().toString(), Instant.now());
        List<String> applied = new ArrayList<>();
        Set<Class<? extends io.therapyms.events.DomainEvent>> onlySent = Set.of(MessageSent.class);

        consumer.consumeWithoutDeduplication(handled, onlySent, event -> applied.add(event.envelope().id()));
        consumer.consumeWithoutDeduplication(handled, onlySent, event -> applied.add(event.envelope().id()));
        consumer.consumeWithoutDeduplication(ignored, onlySent, event -> applied.add(event.envelope().id()));

        assertThat(applied).containsExactly(handledId, handledId);
        assertThat(processed(handledId)).as("bookkeeping without de-duplication").isEmpty();
    }

    private Map<String, AttributeValue> processed(String eventId) {
        return dynamo.getItem(g -> g.tableName(config.prefixed(processedEvents.name())).consistentRead(true)
                .key(Map.of(ProcessedEventsTable.KEY, AttributeValue.fromS(consumerName + "#" + eventId)))).item();
    }

    @Test
    void aDuplicatedDeliveryChangesNothing() {
        String key = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        String record = CODEC.encode(new MessageSent(messageId, key, UUID.randomUUID().toString()),
                UUID.randomUUID().toString(), Instant.now());
        String marker = UUID.randomUUID().toString();

        produce(key, record);
        produce(key, record);
        // Same key, same partition: once the marker is applied, both copies have been consumed.
        produce(key, messageSent(marker, key));

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.timesApplied(marker) == 1);
        assertThat(recorder.timesApplied(messageId)).isEqualTo(1);
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAndLaterRecordsAreStillProcessed() {
        String key = UUID.randomUUID().toString();
        String poison = "{\"not\": \"a cloud event\", \"key\": \"" + key + "\"}";
        String later = UUID.randomUUID().toString();

        produce(key, poison);
        produce(key, "definitely not json " + key);
        produce(key, messageSent(later, key));

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.timesApplied(later) == 1);
        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(bootstrap, dlq(), Duration.ofSeconds(20),
                seen -> seen.stream().filter(r -> key.equals(r.key())).count() >= 2);
        List<ConsumerRecord<String, String>> ours = dead.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(ours).extracting(ConsumerRecord::value).containsExactly(poison, "definitely not json " + key);
        assertThat(KafkaProbe.header(ours.get(0), "dead-letter-reason")).isNotBlank();
    }

    @Test
    void aFailingHandlerIsRetriedThenDeadLetteredWithoutBlockingThePartition() {
        String failingSender = UUID.randomUUID().toString();
        recorder.failingSenders.add(failingSender);
        String failing = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        int attemptsBefore = recorder.attempts.get();

        produce(failingSender, messageSent(failing, failingSender));
        produce(failingSender, messageSent(later, UUID.randomUUID().toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.timesApplied(later) == 1);
        assertThat(recorder.timesApplied(failing)).isZero();
        assertThat(recorder.attempts.get() - attemptsBefore).isEqualTo(config.consumer().attempts() + 1);
        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(bootstrap, dlq(), Duration.ofSeconds(20),
                seen -> seen.stream().anyMatch(r -> r.value().contains(failing)));
        assertThat(dead).anyMatch(r -> r.value().contains(failing));
    }

    private static String messageSent(String messageId, String senderId) {
        return CODEC.encode(new MessageSent(messageId, senderId, UUID.randomUUID().toString()),
                UUID.randomUUID().toString(), Instant.now());
    }

    private void produce(String key, String value) {
        KafkaProbe.produce(bootstrap, config.prefixed("platform-test.events"), key, value);
    }

    private String dlq() {
        return config.prefixed("platform-test.events.dlq");
    }
}
