package io.therapyms.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.platform.app.TestTables;
import io.therapyms.platform.config.PlatformConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class OutboxRelayTest {

    private static final EventCodec CODEC = new EventCodec();

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
    void publishesTheEventWrittenWithTheStateChangeAndClearsTheItem() {
        String messageId = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = key("message#" + messageId);
        dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item(key, "sent"),
                new MessageSent(messageId, UUID.randomUUID().toString(), UUID.randomUUID().toString()))));
        outbox.flushSoon();

        List<ConsumerRecord<String, String>> records = readMessagingTopicUntil(messageId, 1);

        ConsumerRecord<String, String> record = only(records, messageId);
        assertThat(record.key()).isEqualTo(messageId);
        assertThat(KafkaProbe.header(record, "content-type")).isEqualTo("application/cloudevents+json");
        assertThat(CODEC.decode(record.value()).data()).isInstanceOf(MessageSent.class);
        assertThat(storedItem(key)).doesNotContainKey(OutboxAttributes.SHARD);
        assertThat(storedItem(key).get(OutboxAttributes.EVENTS).l()).isEmpty();
    }

    @Test
    void anEventWrittenWhileTheRelayIsDownArrivesOnceAfterRestart() {
        relay.pause(); // the process "crashed" right after the write: nobody publishes
        String messageId = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = key("message#" + messageId);
        dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item(key, "sent"),
                new MessageSent(messageId, UUID.randomUUID().toString(), UUID.randomUUID().toString()))));

        assertThat(relay.publishPending()).isZero();
        assertThat(storedItem(key).get(OutboxAttributes.EVENTS).l()).hasSize(1);
        assertThat(storedItem(key)).containsKey(OutboxAttributes.SHARD);

        relay.resume(); // the restarted relay finds the pending event on the item

        readMessagingTopicUntil(messageId, 1);
        // Read on for a while: a second copy would show up here.
        List<ConsumerRecord<String, String>> all = KafkaProbe.readUntil(bootstrap, topic(), Duration.ofSeconds(3), seen -> false);
        assertThat(all.stream().filter(r -> r.key().equals(messageId))).hasSize(1);
        assertThat(storedItem(key)).doesNotContainKey(OutboxAttributes.SHARD);
    }

    @Test
    void publishesTheEventsOfOneItemInTheOrderTheyWereWritten() {
        relay.pause();
        String messageId = UUID.randomUUID().toString();
        String recipient = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = putSentMessage(messageId, recipient);
        for (int i = 0; i < 3; i++) {
            markRead(key, messageId, recipient);
        }
        relay.resume();

        readMessagingTopicUntil(messageId, 4);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !storedItem(key).containsKey(OutboxAttributes.SHARD));
        // Once the item has left the pending index, every event is out: exactly once each, in order.
        List<ConsumerRecord<String, String>> records = KafkaProbe.readAll(bootstrap, topic()).stream()
                .filter(r -> r.key().equals(messageId)).toList();
        assertThat(records).extracting(r -> CODEC.decode(r.value()).data().getClass().getSimpleName())
                .containsExactly("MessageSent", "MessageRead", "MessageRead", "MessageRead");
        assertThat(records).extracting(r -> CODEC.decode(r.value()).envelope().id()).doesNotHaveDuplicates();
    }

    @Test
    void removesOnlyTheEventsItSentWhenMoreArriveDuringPublication() {
        relay.pause();
        String messageId = UUID.randomUUID().toString();
        String recipient = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = putSentMessage(messageId, recipient);
        Map<String, AttributeValue> asRead = storedItem(key);
        List<AttributeValue> sent = asRead.get(OutboxAttributes.EVENTS).l();
        // A writer appends an event after the relay read the item and sent what it saw.
        markRead(key, messageId, recipient);

        relay.acknowledge(table(), key, sent, asRead);

        Map<String, AttributeValue> after = storedItem(key);
        assertThat(after.get(OutboxAttributes.EVENTS).l()).singleElement()
                .satisfies(e -> assertThat(CODEC.decode(e.m().get("payload").s()).data()).isInstanceOf(MessageRead.class));
        assertThat(after).containsKey(OutboxAttributes.SHARD);
        assertThat(after.get(OutboxAttributes.ORDER)).isEqualTo(asRead.get(OutboxAttributes.ORDER));
    }

    @Test
    void deletesATombstoneOnceItsEventsArePublished() {
        String messageId = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = key("message#" + messageId);
        dynamo.putItem(p -> p.tableName(table()).item(item(key, "sent")));
        StagedEvents staged = outbox.stageDeletion(new MessageRead(messageId, UUID.randomUUID().toString()));
        dynamo.updateItem(u -> u.tableName(table()).key(key)
                .updateExpression("SET " + staged.setClause())
                .expressionAttributeNames(staged.names())
                .expressionAttributeValues(staged.values()));
        outbox.flushSoon();

        readMessagingTopicUntil(messageId, 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> storedItem(key).isEmpty());
    }

    /**
     * A backlog of several pages per shard, where pairs of different items carry events of one aggregate: every
     * event arrives exactly once, every item is cleared, and each aggregate's events arrive in the order they were
     * written although the relay publishes a page's items concurrently (items of one record key go one after the
     * other; without that, the second item's event could overtake the first's).
     */
    @Test
    void drainsABacklogOfManyPagesOnceEachAndInOrderPerAggregateAcrossItems() {
        relay.pause();
        // 600 items over the 4 shards, ~150 a shard: two pages of the default 100, so an aggregate's items can fall on
        // different pages
        int aggregates = 300;
        List<String> messageIds = new java.util.ArrayList<>();
        List<String> firstReaders = new java.util.ArrayList<>();
        List<String> secondReaders = new java.util.ArrayList<>();
        List<Map<String, AttributeValue>> keys = new java.util.ArrayList<>();
        for (int i = 0; i < aggregates; i++) {
            String messageId = UUID.randomUUID().toString();
            messageIds.add(messageId);
            firstReaders.add(UUID.randomUUID().toString());
            secondReaders.add(UUID.randomUUID().toString());
            // the first item holds two events, so its second is sent only after Kafka acknowledged its first
            Map<String, AttributeValue> key = putSentMessage(messageId, firstReaders.get(i));
            markRead(key, messageId, firstReaders.get(i));
            keys.add(key);
        }
        for (int i = 0; i < aggregates; i++) {
            // a second item with the next event of the same aggregate, written later
            Map<String, AttributeValue> copy = key("receipt#" + messageIds.get(i));
            MessageRead next = new MessageRead(messageIds.get(i), secondReaders.get(i));
            dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item(copy, "read"), next)));
            keys.add(copy);
        }
        relay.resume();

        java.util.Set<String> expected = new java.util.HashSet<>(messageIds);
        List<ConsumerRecord<String, String>> records = KafkaProbe.readUntil(bootstrap, topic(), Duration.ofSeconds(120),
                seen -> seen.stream().filter(r -> expected.contains(r.key())).count() >= 3L * aggregates);
        Map<String, List<String>> byAggregate = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            if (expected.contains(r.key())) {
                Object data = CODEC.decode(r.value()).data();
                byAggregate.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>())
                        .add(data instanceof MessageRead read ? read.readerId() : "sent");
            }
        }
        assertThat(byAggregate).hasSize(aggregates);
        for (int i = 0; i < aggregates; i++) {
            assertThat(byAggregate.get(messageIds.get(i))).as(messageIds.get(i))
                    .containsExactly("sent", firstReaders.get(i), secondReaders.get(i));
        }
        for (Map<String, AttributeValue> key : keys) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !storedItem(key).containsKey(OutboxAttributes.SHARD));
        }
    }

    /**
     * dynalite keys an index entry by the index key plus only 24 bits of an MD5 of the item's table key. Two
     * pending items of one shard whose 24 bits agree shared one entry when the index had no sort key: the second
     * write replaced the first item's entry, publishing the second removed it, and the first item's event stayed
     * unpublished for good. The items below are such a pair; both events must arrive.
     */
    @Test
    void publishesEveryPendingItemEvenWhenTheStoreHashesTwoItemKeysAlike() {
        relay.pause();
        List<Map<String, AttributeValue>> keys = twoKeysDynaliteHashesAlike();
        String[] messageIds = twoAggregateIdsOfOneShard();
        for (int i = 0; i < 2; i++) {
            Map<String, AttributeValue> key = keys.get(i);
            MessageSent event = new MessageSent(messageIds[i], UUID.randomUUID().toString(), UUID.randomUUID().toString());
            dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item(key, "sent"), event)));
        }
        relay.resume();

        readMessagingTopicUntil(messageIds[0], 1);
        readMessagingTopicUntil(messageIds[1], 1);
        for (Map<String, AttributeValue> key : keys) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> !storedItem(key).containsKey(OutboxAttributes.SHARD));
            assertThat(storedItem(key)).doesNotContainKey(OutboxAttributes.ORDER);
        }
    }

    /** Two table keys whose dynalite index hash (first 6 hex digits of MD5("Outliers" + pk + sk)) is equal. */
    private static List<Map<String, AttributeValue>> twoKeysDynaliteHashesAlike() {
        String run = UUID.randomUUID().toString();
        Map<String, String> seen = new java.util.HashMap<>();
        for (int n = 0; ; n++) {
            String pk = "collision#" + run + "#" + n;
            String hash = dynaliteHash(pk, "item");
            String earlier = seen.putIfAbsent(hash, pk);
            if (earlier != null) {
                return List.of(key(earlier), key(pk));
            }
        }
    }

    private static String dynaliteHash(String pk, String sk) {
        try {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            md5.update("Outliers".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md5.update(pk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md5.update(sk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md5.digest()).substring(0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] twoAggregateIdsOfOneShard() {
        String first = UUID.randomUUID().toString();
        while (true) {
            String second = UUID.randomUUID().toString();
            if (OutboxAttributes.shardFor(second).equals(OutboxAttributes.shardFor(first))) {
                return new String[] {first, second};
            }
        }
    }

    /** A message item written with its MessageSent event, as messaging-service writes it. */
    private Map<String, AttributeValue> putSentMessage(String messageId, String recipient) {
        Map<String, AttributeValue> key = key("message#" + messageId);
        dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item(key, "sent"),
                new MessageSent(messageId, UUID.randomUUID().toString(), recipient))));
        return key;
    }

    /** The state change and its MessageRead event appended, in one update. */
    private void markRead(Map<String, AttributeValue> key, String messageId, String recipient) {
        StagedEvents staged = outbox.stage(new MessageRead(messageId, recipient));
        dynamo.updateItem(u -> u.tableName(table()).key(key)
                .updateExpression("SET #state = :read, " + staged.setClause())
                .expressionAttributeNames(merge(Map.of("#state", "state"), staged.names()))
                .expressionAttributeValues(merge(Map.of(":read", AttributeValue.fromS("read")), staged.values())));
    }

    private List<ConsumerRecord<String, String>> readMessagingTopicUntil(String key, int count) {
        List<ConsumerRecord<String, String>> records = KafkaProbe.readUntil(bootstrap, topic(), Duration.ofSeconds(20),
                seen -> seen.stream().filter(r -> key.equals(r.key())).count() >= count);
        assertThat(records.stream().filter(r -> key.equals(r.key())).count()).isEqualTo(count);
        return records;
    }

    private static ConsumerRecord<String, String> only(List<ConsumerRecord<String, String>> records, String key) {
        List<ConsumerRecord<String, String>> matching = records.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private String topic() {
        return config.prefixed(Topics.MESSAGING);
    }

    private String table() {
        return config.prefixed(TestTables.ITEMS);
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("item"));
    }

    private static Map<String, AttributeValue> item(Map<String, AttributeValue> key, String state) {
        return merge(key, Map.of("state", AttributeValue.fromS(state)));
    }

    private Map<String, AttributeValue> storedItem(Map<String, AttributeValue> key) {
        return dynamo.getItem(g -> g.tableName(table()).key(key).consistentRead(true)).item();
    }

    private static <V> Map<String, V> merge(Map<String, V> a, Map<String, V> b) {
        Map<String, V> merged = new java.util.HashMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
