package io.therapyms.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.BatchReads;
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
 * per item (an item's events are sent one after the other, oldest first, with the aggregate id as record
 * key), and nothing is lost when the service or Kafka is down: the events wait on their items. A crash
 * after the send and before the removal republishes; consumers de-duplicate by event id.
 * <p>
 * Throughput: one thread schedules rounds (periodically and whenever a writer calls {@link #nudge()}); a
 * round drains the shards in parallel, each on its own thread and page by page. Within a page the items
 * are read in one BatchGetItem and published concurrently (each item's own events still strictly one after
 * another), so a page costs about one Kafka round trip instead of one per event; the items Kafka acknowledged are
 * then cleared concurrently ({@code tms.outbox.acknowledge-concurrency} writes in flight). Items never share a shard,
 * and rounds never overlap, so no item is ever published by two threads at once.
 */
@Singleton
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Room for every send a round can have in flight at once (shards x page size), with margin. */
    @Inject
    @Channel("domain-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TableBootstrap tables;

    @Inject
    PlatformConfig config;

    @Inject
    OutboxMetrics metrics;

    /** Most pages one shard drains per round, so that one busy shard cannot keep a round from ending. */
    private static final int MAX_PAGES_PER_ROUND = 20;

    private ScheduledExecutorService worker;
    private ExecutorService shardWorkers;
    private ExecutorService acknowledgers;
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile boolean paused;
    private volatile long lastFailureLog;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger number = new AtomicInteger();
        shardWorkers = Executors.newFixedThreadPool(Math.max(1, config.outbox().parallelism()), r -> {
            Thread thread = new Thread(r, "outbox-relay-shard-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger acknowledger = new AtomicInteger();
        acknowledgers = Executors.newFixedThreadPool(Math.max(1, config.outbox().acknowledgeConcurrency()), r -> {
            Thread thread = new Thread(r, "outbox-relay-ack-" + acknowledger.incrementAndGet());
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
        if (shardWorkers != null) {
            shardWorkers.shutdownNow();
        }
        if (acknowledgers != null) {
            acknowledgers.shutdownNow();
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
        List<Callable<Integer>> work = new ArrayList<>();
        for (TableSpec spec : tables.specs()) {
            if (!spec.outbox()) {
                continue;
            }
            String table = tables.physicalName(spec);
            for (int shard = 0; shard < OutboxAttributes.SHARDS; shard++) {
                String shardId = "s" + shard;
                work.add(() -> drainShard(spec, table, shardId));
            }
        }
        return runAll(work);
    }

    /** Runs the shards' work on the shard threads (inline before start-up) and adds up what they published. */
    private int runAll(List<Callable<Integer>> work) {
        int published = 0;
        RuntimeException failure = null;
        if (shardWorkers == null) {
            for (Callable<Integer> shard : work) {
                try {
                    published += shard.call();
                } catch (Exception e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        } else {
            List<Future<Integer>> running = new ArrayList<>();
            for (Callable<Integer> shard : work) {
                running.add(shardWorkers.submit(shard));
            }
            for (Future<Integer> shard : running) {
                try {
                    published += shard.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("outbox round interrupted", e);
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        // every shard had its chance; one shard's failure (Kafka or the store down) is reported once
        if (failure != null) {
            throw failure;
        }
        return published;
    }

    private int drainShard(TableSpec spec, String table, String shard) {
        int published = 0;
        Map<String, AttributeValue> startKey = null;
        for (int page = 0; page < MAX_PAGES_PER_ROUND && !paused; page++) {
            Map<String, AttributeValue> exclusiveStart = startKey;
            QueryResponse pending = dynamo.query(q -> q.tableName(table)
                    .indexName(OutboxAttributes.INDEX_NAME)
                    .keyConditionExpression("#shard = :shard")
                    .expressionAttributeNames(Map.of("#shard", OutboxAttributes.SHARD))
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(shard)))
                    .exclusiveStartKey(exclusiveStart)
                    .limit(config.outbox().batchSize()));
            if (pending.items().isEmpty()) {
                break;
            }
            List<Map<String, AttributeValue>> keys = pending.items().stream()
                    .map(entry -> primaryKey(spec, entry)).distinct().toList();
            PageResult result = publishPage(table, keys);
            published += result.published();
            metrics.published(spec, result.published());
            if (result.failed()) {
                metrics.publishFailed(spec);
            }
            // a failed send (Kafka down, a timeout): the rest of the shard waits for the next round
            if (result.failed() || !pending.hasLastEvaluatedKey() || pending.lastEvaluatedKey().isEmpty()) {
                break;
            }
            startKey = pending.lastEvaluatedKey();
        }
        return published;
    }

    private record PageResult(int published, boolean failed) {
    }

    /**
     * Publishes the page's items, then removes what Kafka acknowledged. Items whose events carry the same record
     * key (the aggregate id) form a group that is sent strictly one item after another in the page's order, so
     * per-aggregate order holds across items too; the groups are sent concurrently. An item with a failed send
     * keeps all its events, and the rest of its group is not sent this round (they go again, in order, next round).
     */
    private PageResult publishPage(String table, List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = readItems(table, keys);
        List<List<Map<String, AttributeValue>>> groups = groupByRecordKey(keys, items);
        if (groups.isEmpty()) {
            return new PageResult(0, false);
        }
        List<Uni<List<Map<String, AttributeValue>>>> sends = new ArrayList<>();
        for (List<Map<String, AttributeValue>> group : groups) {
            sends.add(sendGroup(group, items));
        }
        List<List<Map<String, AttributeValue>>> sent;
        try {
            sent = Uni.join().all(sends).andFailFast().await().atMost(config.outbox().sendTimeout());
        } catch (RuntimeException timedOut) {
            LOG.debugf("Outbox page of %s not acknowledged by Kafka in time: %s", table, timedOut.toString());
            return new PageResult(0, true);
        }
        int published = 0;
        boolean failed = false;
        List<Runnable> clearings = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            failed |= sent.get(g).size() < groups.get(g).size();
            for (Map<String, AttributeValue> key : sent.get(g)) {
                Map<String, AttributeValue> item = items.get(key);
                List<AttributeValue> events = events(item);
                clearings.add(() -> acknowledge(table, key, events, item));
                published += events.size();
            }
        }
        clearAll(clearings);
        return new PageResult(published, failed);
    }

    /**
     * Runs the page's clearing writes on the acknowledging threads and waits for all of them: each touches only its
     * own item, so their order does not matter, and the shard's next page is read only once they are done. A write
     * that fails leaves its item pending; it is published again next round, as with a crash after the send.
     */
    private void clearAll(List<Runnable> clearings) {
        if (acknowledgers == null || clearings.size() < 2) {
            clearings.forEach(Runnable::run);
            return;
        }
        List<Future<?>> running = new ArrayList<>(clearings.size());
        for (Runnable clearing : clearings) {
            running.add(acknowledgers.submit(clearing));
        }
        RuntimeException failure = null;
        for (Future<?> clearing : running) {
            try {
                clearing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("outbox round interrupted", e);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The page's items (gone ones left out) in groups by their events' record key, each group in page order. An
     * item whose events carry several keys would tie groups together: then the whole page is one group, sent as
     * before this relay went parallel.
     */
    private static List<List<Map<String, AttributeValue>>> groupByRecordKey(List<Map<String, AttributeValue>> keys,
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items) {
        Map<String, List<Map<String, AttributeValue>>> groups = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> inPageOrder = new ArrayList<>();
        boolean mixedKeys = false;
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> item = items.get(key);
            if (item == null) {
                continue;
            }
            inPageOrder.add(key);
            List<String> recordKeys = events(item).stream()
                    .map(event -> event.m().get(OutboxAttributes.EVENT_KEY).s()).distinct().toList();
            mixedKeys |= recordKeys.size() > 1;
            // an item without events (a tombstone whose events are out) has nothing to order against
            String group = recordKeys.isEmpty() ? "\u0000" + inPageOrder.size() : recordKeys.get(0);
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(key);
        }
        if (mixedKeys) {
            return inPageOrder.isEmpty() ? List.of() : List.of(inPageOrder);
        }
        return List.copyOf(groups.values());
    }

    /** Sends a group's items one after the other; the keys of those fully acknowledged, up to the first failure. */
    private Uni<List<Map<String, AttributeValue>>> sendGroup(List<Map<String, AttributeValue>> group,
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> sent = new ArrayList<>();
        Uni<Boolean> chain = Uni.createFrom().item(Boolean.TRUE);
        for (Map<String, AttributeValue> key : group) {
            chain = chain.chain(allSoFar -> !allSoFar ? Uni.createFrom().item(Boolean.FALSE)
                    : sendInOrder(events(items.get(key))).invoke(ok -> {
                        if (ok) {
                            sent.add(key);
                        }
                    }));
        }
        return chain.replaceWith(() -> sent);
    }

    /** One item's events, each sent only after Kafka acknowledged the one before: true when all were. */
    private Uni<Boolean> sendInOrder(List<AttributeValue> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AttributeValue event : events) {
            chain = chain.chain(() -> send(event.m()));
        }
        return chain.replaceWith(Boolean.TRUE).onFailure().recoverWithItem(Boolean.FALSE);
    }

    private static List<AttributeValue> events(Map<String, AttributeValue> item) {
        return item.containsKey(OutboxAttributes.EVENTS) ? item.get(OutboxAttributes.EVENTS).l() : List.of();
    }

    /** The items of the page by key, read consistently in as few BatchGetItem calls as possible; gone ones absent. */
    private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> readItems(String table,
            List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new LinkedHashMap<>();
        List<String> keyAttributes = List.copyOf(keys.get(0).keySet());
        for (Map<String, AttributeValue> item : BatchReads.consistent(dynamo, table, keys)) {
            Map<String, AttributeValue> key = new HashMap<>();
            keyAttributes.forEach(attribute -> key.put(attribute, item.get(attribute)));
            found.put(key, item);
        }
        return found;
    }

    private Uni<Void> send(Map<String, AttributeValue> event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        for (String traceHeader : io.therapyms.platform.tracing.TraceContexts.names()) {
            AttributeValue value = event.get(traceHeader);
            if (value != null && value.s() != null) {
                headers.add(traceHeader, value.s().getBytes(StandardCharsets.UTF_8));
            }
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(config.prefixed(event.get(OutboxAttributes.EVENT_TOPIC).s()))
                .withKey(event.get(OutboxAttributes.EVENT_KEY).s())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.get(OutboxAttributes.EVENT_PAYLOAD).s()).addMetadata(metadata));
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
