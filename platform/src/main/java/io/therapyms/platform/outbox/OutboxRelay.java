package io.therapyms.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableBootstrap;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Publishes the events that {@link Outbox} recorded on items, then removes them from the items.
 * <p>
 * Guarantees: at least once (an event leaves the item only after Kafka acknowledged it), in order
 * per item (sent one by one, oldest first, with the aggregate id as record key), and nothing is
 * lost when the service or Kafka is down: the events wait on their items. A crash after the send
 * and before the removal republishes; consumers de-duplicate by event id.
 * <p>
 * One thread does all the work: rounds run periodically and whenever a writer calls {@link #nudge()}.
 */
@Singleton
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CONTENT_TYPE = "application/cloudevents+json";

    @Inject
    @Channel("domain-events")
    MutinyEmitter<String> emitter;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TableBootstrap tables;

    @Inject
    PlatformConfig config;

    private ScheduledExecutorService worker;
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile boolean paused;
    private volatile long lastFailureLog;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.outbox().interval().toMillis();
        worker.scheduleWithFixedDelay(this::safeRound, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Run a round soon; many nudges while one is queued make one round. */
    public void nudge() {
        if (worker != null && roundQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                roundQueued.set(false);
                safeRound();
            });
        }
    }

    /** Stops publishing (events accumulate on their items); for tests that simulate a crashed relay. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        nudge();
    }

    private void safeRound() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            if (now - lastFailureLog > 30_000) {
                lastFailureLog = now;
                LOG.warnf("Outbox relay round failed, will retry: %s", e.toString());
            }
        }
    }

    /** One round over every outbox table and shard, oldest pending items first. Returns the number of events published. */
    public int publishPending() {
        if (paused) {
            return 0;
        }
        int published = 0;
        for (TableSpec spec : tables.specs()) {
            if (!spec.outbox()) {
                continue;
            }
            String table = tables.physicalName(spec);
            for (int shard = 0; shard < OutboxAttributes.SHARDS; shard++) {
                published += drainShard(spec, table, "s" + shard);
            }
        }
        return published;
    }

    private int drainShard(TableSpec spec, String table, String shard) {
        QueryResponse pending = dynamo.query(q -> q.tableName(table)
                .indexName(OutboxAttributes.INDEX_NAME)
                .keyConditionExpression("#shard = :shard")
                .expressionAttributeNames(Map.of("#shard", OutboxAttributes.SHARD))
                .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(shard)))
                .limit(config.outbox().batchSize()));
        int published = 0;
        for (Map<String, AttributeValue> indexEntry : pending.items()) {
            if (paused) {
                break;
            }
            published += drainItem(table, primaryKey(spec, indexEntry));
        }
        return published;
    }

    private int drainItem(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return 0;
        }
        List<AttributeValue> events = item.containsKey(OutboxAttributes.EVENTS)
                ? item.get(OutboxAttributes.EVENTS).l() : List.of();
        for (AttributeValue event : events) {
            send(event.m());
        }
        acknowledge(table, key, events, item);
        return events.size();
    }

    private void send(Map<String, AttributeValue> event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(config.prefixed(event.get(OutboxAttributes.EVENT_TOPIC).s()))
                .withKey(event.get(OutboxAttributes.EVENT_KEY).s())
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(event.get(OutboxAttributes.EVENT_PAYLOAD).s()).addMetadata(metadata))
                .await().atMost(config.outbox().sendTimeout());
    }

    /**
     * Removes exactly the events that were sent, oldest first, one conditional REMOVE of the list's
     * head per event: the condition pins the id at the head, so events appended meanwhile stay and a
     * concurrent relay's removal is detected. (One REMOVE of several list indexes is not used: stores
     * differ on whether the indexes refer to the list before or during the removal.)
     */
    void acknowledge(String table, Map<String, AttributeValue> key, List<AttributeValue> sent,
            Map<String, AttributeValue> item) {
        if (!sent.isEmpty() && acknowledgeAllAtOnce(table, key, sent, item)) {
            return;
        }
        try {
            Map<String, AttributeValue> after = item;
            for (AttributeValue event : sent) {
                after = dynamo.updateItem(u -> u.tableName(table).key(key)
                        .updateExpression("REMOVE #outbox[0]")
                        .conditionExpression("#outbox[0].#id = :id")
                        .expressionAttributeNames(Map.of("#outbox", OutboxAttributes.EVENTS, "#id", OutboxAttributes.EVENT_ID))
                        .expressionAttributeValues(Map.of(":id", event.m().get(OutboxAttributes.EVENT_ID)))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
            }
            clearShard(table, key, after);
        } catch (ConditionalCheckFailedException alreadyAcknowledged) {
            LOG.debugf("Outbox of %s in %s changed during publication; the next round sorts it out", key, table);
        }
    }

    /**
     * The common case in one write instead of one per event plus one: the list still holds exactly the events
     * sent. Events are only appended at the end and removed from the head, and their ids are unique, so a list
     * of the same size whose head is the first event sent is that list. The item leaves the pending index (or,
     * a tombstone, is deleted). False when the item changed meanwhile; the caller then goes event by event.
     */
    private boolean acknowledgeAllAtOnce(String table, Map<String, AttributeValue> key, List<AttributeValue> sent,
            Map<String, AttributeValue> item) {
        return leavePending(table, key, item, "size(#outbox) = :size AND #outbox[0].#id = :first",
                Map.of("#outbox", OutboxAttributes.EVENTS, "#id", OutboxAttributes.EVENT_ID),
                Map.of(":size", AttributeValue.fromN(Integer.toString(sent.size())),
                        ":first", sent.get(0).m().get(OutboxAttributes.EVENT_ID)),
                true);
    }

    /** Once the list is empty: leave the pending index, or delete a tombstone. Conditional on still being empty. */
    private void clearShard(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        AttributeValue remaining = item.get(OutboxAttributes.EVENTS);
        if (remaining != null && remaining.hasL() && !remaining.l().isEmpty()) {
            return;
        }
        boolean left = leavePending(table, key, item, "attribute_not_exists(#outbox) OR size(#outbox) = :zero",
                Map.of("#outbox", OutboxAttributes.EVENTS), Map.of(":zero", AttributeValue.fromN("0")), false);
        if (!left) {
            LOG.debugf("New events on %s in %s; it stays pending", key, table);
        }
    }

    /**
     * Takes an item out of the pending index if {@code condition} (over {@code #outbox}) still holds: deletes it
     * if it is a tombstone, else removes its index keys (and, with {@code emptyList}, its events). False when the
     * condition failed. The update also requires {@code attribute_exists(#shard)}: an UpdateItem on an item deleted
     * meanwhile would re-create it as a bare key; and no tombstone flag: an item buried meanwhile without a new
     * event must stay pending, so that the next round deletes it.
     */
    private boolean leavePending(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
            String condition, Map<String, String> names, Map<String, AttributeValue> values, boolean emptyList) {
        try {
            if (io.therapyms.platform.outbox.Outbox.isTombstone(item)) {
                dynamo.deleteItem(d -> d.tableName(table).key(key)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
            } else {
                Map<String, String> updateNames = new HashMap<>(names);
                updateNames.put("#shard", OutboxAttributes.SHARD);
                updateNames.put("#order", OutboxAttributes.ORDER);
                updateNames.put("#tombstone", OutboxAttributes.DELETE_WHEN_SENT);
                Map<String, AttributeValue> updateValues = new HashMap<>(values);
                String update = "REMOVE #shard, #order";
                if (emptyList) {
                    updateValues.put(":none", AttributeValue.fromL(List.of()));
                    update = "SET #outbox = :none " + update;
                }
                String expression = update;
                dynamo.updateItem(u -> u.tableName(table).key(key)
                        .updateExpression(expression)
                        .conditionExpression("attribute_exists(#shard) AND attribute_not_exists(#tombstone) AND ("
                                + condition + ")")
                        .expressionAttributeNames(updateNames)
                        .expressionAttributeValues(updateValues));
            }
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    private static Map<String, AttributeValue> primaryKey(TableSpec spec, Map<String, AttributeValue> indexEntry) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(spec.partitionKey().attribute(), indexEntry.get(spec.partitionKey().attribute()));
        spec.sortKey().ifPresent(sk -> key.put(sk.attribute(), indexEntry.get(sk.attribute())));
        return key;
    }
}
