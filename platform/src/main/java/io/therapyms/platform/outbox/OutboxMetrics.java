package io.therapyms.platform.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.therapyms.platform.dynamo.TableBootstrap;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The outbox's meters, per outbox table (tag {@code table}, the logical name): {@code tms.outbox.pending} (items
 * holding unsent events), {@code tms.outbox.published} (events Kafka acknowledged) and
 * {@code tms.outbox.publish.failures} (relay pages whose sends failed or timed out; they go again next round).
 * <p>
 * The backlog is counted on its own schedule ({@code tms.outbox.backlog-interval}) with COUNT queries of the sparse
 * pending index, never at scrape time: a scrape must not wait on the store, and the relay itself only ever reads the
 * oldest pages, so it cannot tell how many more there are.
 */
@Singleton
class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    TableBootstrap tables;

    @Inject
    DynamoDbClient dynamo;

    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private volatile long lastFailureLog;

    /** Every outbox table's meters exist from the start, at zero, so a dashboard sees them before any traffic. */
    void register(@Observes StartupEvent event) {
        for (TableSpec spec : tables.specs()) {
            if (spec.outbox()) {
                pendingOf(spec.name());
                publishedOf(spec.name());
                failuresOf(spec.name());
            }
        }
    }

    void published(TableSpec spec, int events) {
        if (events > 0) {
            publishedOf(spec.name()).increment(events);
        }
    }

    void publishFailed(TableSpec spec) {
        failuresOf(spec.name()).increment();
    }

    @Scheduled(every = "${tms.outbox.backlog-interval:15s}", delayed = "${tms.outbox.backlog-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void countBacklog() {
        for (TableSpec spec : tables.specs()) {
            if (!spec.outbox()) {
                continue;
            }
            try {
                pendingOf(spec.name()).set(countPending(tables.physicalName(spec)));
            } catch (RuntimeException e) {
                // the store is down or the table not there yet: keep the last count, say so now and then
                long now = System.currentTimeMillis();
                if (now - lastFailureLog > 60_000) {
                    lastFailureLog = now;
                    LOG.warnf("Could not count the outbox backlog of %s: %s", spec.name(), e.toString());
                }
            }
        }
    }

    private long countPending(String table) {
        long total = 0;
        for (int shard = 0; shard < OutboxAttributes.SHARDS; shard++) {
            String shardId = "s" + shard;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse page = dynamo.query(q -> q.tableName(table)
                        .indexName(OutboxAttributes.INDEX_NAME)
                        .keyConditionExpression("#shard = :shard")
                        .expressionAttributeNames(Map.of("#shard", OutboxAttributes.SHARD))
                        .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(shardId)))
                        .select(Select.COUNT)
                        .exclusiveStartKey(exclusiveStart));
                total += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return total;
    }

    private AtomicLong pendingOf(String table) {
        return pending.computeIfAbsent(table, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tms.outbox.pending", value, AtomicLong::get)
                    .description("Items of the table whose events are not yet on Kafka (counted periodically)")
                    .tag("table", name).register(registry);
            return value;
        });
    }

    private Counter publishedOf(String table) {
        return published.computeIfAbsent(table, name -> Counter.builder("tms.outbox.published")
                .description("Events the outbox relay published and Kafka acknowledged")
                .tag("table", name).register(registry));
    }

    private Counter failuresOf(String table) {
        return failures.computeIfAbsent(table, name -> Counter.builder("tms.outbox.publish.failures")
                .description("Relay pages whose sends failed or timed out (retried next round)")
                .tag("table", name).register(registry));
    }
}
