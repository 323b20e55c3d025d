package io.therapyms.platform.outbox;

import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * How pending events live on an item. An item with unpublished events has
 * <ul>
 * <li>{@code outbox}: a list of {@code {id, topic, key, payload}} maps, oldest first, appended in the
 * same conditional write as the state change it records;</li>
 * <li>{@code outboxShard}: present only while the list is non-empty, which makes the
 * {@value #INDEX_NAME} index sparse, so the relay finds pending items by Query, never by Scan;</li>
 * <li>{@code outboxDeleteWhenSent}: set when the write was a deletion: the item is a tombstone that
 * readers treat as absent, and the relay deletes it once its events are out.</li>
 * </ul>
 */
public final class OutboxAttributes {

    public static final String EVENTS = "outbox";
    public static final String SHARD = "outboxShard";
    public static final String DELETE_WHEN_SENT = "outboxDeleteWhenSent";
    public static final String INDEX_NAME = "outbox-pending";

    static final String EVENT_ID = "id";
    static final String EVENT_TOPIC = "topic";
    static final String EVENT_KEY = "key";
    static final String EVENT_PAYLOAD = "payload";

    /** Few shards keep the index's partitions small without making the relay issue many queries. */
    static final int SHARDS = 4;

    public static final TableSpec.Index INDEX = new TableSpec.Index(INDEX_NAME, TableSpec.Key.string(SHARD),
            java.util.Optional.empty(), ProjectionType.KEYS_ONLY);

    private OutboxAttributes() {
    }

    static String shardFor(String aggregateId) {
        return "s" + Math.floorMod(aggregateId.hashCode(), SHARDS);
    }
}
