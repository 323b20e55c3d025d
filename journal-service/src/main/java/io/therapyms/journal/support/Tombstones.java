package io.therapyms.journal.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Removes items of an outbox table without losing the events still waiting on them.
 * <p>
 * An item the relay has nothing to do with (no {@code outboxShard}) is deleted at once. Any other item
 * becomes a tombstone, the same kind {@link Outbox#stageDeletion} makes, but without a new event (the
 * journal deletions have none in EVENTS.md): {@code outboxDeleteWhenSent} is set and every attribute but
 * the keys and the outbox is removed in the same write, so no journal text outlives the deletion while
 * Kafka is down. The relay publishes the remaining events and then deletes the tombstone; readers skip
 * tombstones ({@link Outbox#isTombstone}).
 */
@Singleton
public class Tombstones {

    private static final Set<String> KEPT = Set.of(TableSpec.PK, TableSpec.SK, OutboxAttributes.EVENTS,
            OutboxAttributes.SHARD, OutboxAttributes.ORDER, OutboxAttributes.DELETE_WHEN_SENT);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Outbox outbox;

    /**
     * Removes {@code item} (as read, with all its attributes). Returns false when it was already gone or
     * already a tombstone the relay will delete, i.e. when someone else removed it first.
     */
    public boolean remove(String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Map.of(TableSpec.PK, item.get(TableSpec.PK), TableSpec.SK, item.get(TableSpec.SK));
        if (deleteIfNotPending(table, key)) {
            return true;
        }
        Map<String, AttributeValue> buried = bury(table, key, item);
        if (buried == null) {
            return false;
        }
        if (!hasEvents(buried)) {
            // the relay emptied the outbox between our two writes: nothing is left to publish
            deleteIfOutboxEmpty(table, key);
        }
        outbox.flushSoon();
        return true;
    }

    /** Deletes the item if the relay has no business with it (not in the pending index). */
    private boolean deleteIfNotPending(String table, Map<String, AttributeValue> key) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key)
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#shard)")
                    .expressionAttributeNames(Map.of("#pk", TableSpec.PK, "#shard", OutboxAttributes.SHARD)));
            return true;
        } catch (ConditionalCheckFailedException pendingOrGone) {
            return false;
        }
    }

    /** Flags the item as a tombstone and strips it to its keys and outbox; null if gone or already a tombstone. */
    private Map<String, AttributeValue> bury(String table, Map<String, AttributeValue> key,
            Map<String, AttributeValue> item) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", TableSpec.PK, "#tombstone",
                OutboxAttributes.DELETE_WHEN_SENT));
        List<String> removed = item.keySet().stream().filter(a -> !KEPT.contains(a)).sorted().toList();
        StringBuilder expression = new StringBuilder("SET #tombstone = :true");
        for (int i = 0; i < removed.size(); i++) {
            names.put("#r" + i, removed.get(i));
            expression.append(i == 0 ? " REMOVE " : ", ").append("#r").append(i);
        }
        try {
            return dynamo.updateItem(u -> u.tableName(table).key(key)
                    .updateExpression(expression.toString())
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#tombstone)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException goneOrBuried) {
            return null;
        }
    }

    private void deleteIfOutboxEmpty(String table, Map<String, AttributeValue> key) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key)
                    .conditionExpression("attribute_not_exists(#outbox) OR size(#outbox) = :zero")
                    .expressionAttributeNames(Map.of("#outbox", OutboxAttributes.EVENTS))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException newEvents) {
            // cannot happen for journal items today (nothing appends to a tombstone); the relay would delete it
        }
    }

    private static boolean hasEvents(Map<String, AttributeValue> item) {
        AttributeValue events = item.get(OutboxAttributes.EVENTS);
        return events != null && events.hasL() && !events.l().isEmpty();
    }
}
