package io.therapyms.platform.outbox;

import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * How pending events live on an item. An item with unpublished events has
 * <ul>
 * <li>{@code outbox}: a list of {@code {id, topic, key, payload}} maps (plus {@code traceparent} and
 * {@code tracestate} when the write happened in a trace), oldest first, appended in the
 * same conditional write as the state change it records;</li>
 * <li>{@code outboxShard} and {@code outboxOrder}: present only while the list is non-empty, which makes the
 * {@value #INDEX_NAME} index sparse, so the relay finds pending items by Query, never by Scan. The order is
 * {@code <epoch millis, 13 digits>#<random UUID>}, set when the item becomes pending and kept until it is
 * published, so the relay drains each shard oldest first;</li>
 * <li>{@code outboxDeleteWhenSent}: set when the write was a deletion: the item is a tombstone that
 * readers treat as absent, and the relay deletes it once its events are out.</li>
 * </ul>
 */
public final class OutboxAttributes {

    public static final String EVENTS = "outbox";
    public static final String SHARD = "outboxShard";
    public static final String ORDER = "outboxOrder";
    public static final String DELETE_WHEN_SENT = "outboxDeleteWhenSent";
    public static final String INDEX_NAME = "outbox-pending";

    static final String EVENT_ID = "id";
    static final String EVENT_TOPIC = "topic";
    static final String EVENT_KEY = "key";
    static final String EVENT_PAYLOAD = "payload";
    /** W3C trace context of the write that staged the event (optional); the relay sends them as record headers. */
    static final String EVENT_TRACEPARENT = io.therapyms.platform.tracing.TraceContexts.TRACEPARENT;
    static final String EVENT_TRACESTATE = io.therapyms.platform.tracing.TraceContexts.TRACESTATE;

    /** Few shards keep the index's partitions small without making the relay issue many queries. */
    static final int SHARDS = 4;

    /**
     * The sort key makes every index entry's key unique, which the index needs on dynalite: it tells apart items
     * under one index key by only 24 bits of a hash of their table key, so with a shard-only key two pending items
     * of a shard could share one index entry, and publishing one removed the other's from the index: its events
     * stayed on the item, unpublished (seen during the 100k bench load: 2 of 10,000 approved links never reached
     * messaging). DynamoDB does not need it; it gains oldest-first draining.
     */
    public static final TableSpec.Index INDEX = new TableSpec.Index(INDEX_NAME, TableSpec.Key.string(SHARD),
            java.util.Optional.of(TableSpec.Key.string(ORDER)), ProjectionType.KEYS_ONLY);

    private OutboxAttributes() {
    }

    /** A fresh {@link #ORDER} value: sorts by time, unique by its random part. */
    static String orderAt(java.time.Instant now) {
        return String.format("%013d#%s", now.toEpochMilli(), java.util.UUID.randomUUID());
    }

    static String shardFor(String aggregateId) {
        return "s" + Math.floorMod(aggregateId.hashCode(), SHARDS);
    }
}
