package io.therapyms.scheduling.slots;

import static io.therapyms.platform.dynamo.Attrs.num;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.time.InstantText;
import io.therapyms.scheduling.config.SchedulingTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Orders a therapist's slot batches so that two of them cannot both pass the overlap check, with one
 * item per therapist and conditional writes only:
 * <pre>pk = THER#therapistId  sk = BATCH  version (number), pendingBatch (id), pendingSlots [{slotId, startTime, endTime}]</pre>
 * A batch reads the item, checks overlaps against the slots on the table, then <b>commits</b> by moving
 * {@code version} from the value it read to the next one while nothing is pending, recording its slots
 * as pending; only then does it write them, and it clears the pending mark afterwards. A batch that finds
 * a pending batch writes that one's slots first (the writes are idempotent) and clears it, so the table
 * always holds every committed slot before the next overlap check, and a crash after a commit only
 * delays those slots until the therapist's next batch.
 */
@Singleton
public class SlotBatches {

    /** What a batch read: the version to commit from and an earlier batch still to be written, if any. */
    public record State(boolean exists, long version, String pendingBatch, List<Slot> pendingSlots) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    public State read(String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(therapistId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new State(false, 0, null, List.of());
        }
        List<Slot> pending = item.containsKey("pendingSlots")
                ? item.get("pendingSlots").l().stream().map(v -> toSlot(therapistId, v.m())).toList()
                : List.of();
        return new State(true, num(item, "version"), str(item, "pendingBatch"), pending);
    }

    /** Commits the batch after the version that was read; false if another batch committed meanwhile. */
    public boolean commit(String therapistId, State read, String batchId, List<Slot> slots) {
        List<AttributeValue> pending = slots.stream().map(slot -> AttributeValue.fromM(Map.of(
                "slotId", s(slot.slotId()), "startTime", s(slot.startTime().toString()),
                "endTime", s(slot.endTime().toString())))).toList();
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(therapistId))
                    .updateExpression("SET version = :next, pendingBatch = :batch, pendingSlots = :slots")
                    .conditionExpression(read.exists() ? "version = :read AND attribute_not_exists(pendingBatch)"
                            : "attribute_not_exists(pk)")
                    .expressionAttributeValues(read.exists()
                            ? Map.of(":next", AttributeValue.fromN(Long.toString(read.version() + 1)),
                                    ":batch", s(batchId), ":slots", AttributeValue.fromL(pending),
                                    ":read", AttributeValue.fromN(Long.toString(read.version())))
                            : Map.of(":next", AttributeValue.fromN("1"), ":batch", s(batchId),
                                    ":slots", AttributeValue.fromL(pending))));
            return true;
        } catch (ConditionalCheckFailedException anotherBatchFirst) {
            return false;
        }
    }

    /** The batch's slots are all on the table: the next batch may check against them. */
    public void clear(String therapistId, String batchId) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(therapistId))
                    .updateExpression("REMOVE pendingBatch, pendingSlots")
                    .conditionExpression("pendingBatch = :batch")
                    .expressionAttributeValues(Map.of(":batch", s(batchId))));
        } catch (ConditionalCheckFailedException clearedAlready) {
            // another batch finished writing this one first
        }
    }

    private static Slot toSlot(String therapistId, Map<String, AttributeValue> value) {
        return Slot.open(str(value, "slotId"), therapistId, InstantText.parse(str(value, "startTime")),
                InstantText.parse(str(value, "endTime")));
    }

    private static Map<String, AttributeValue> key(String therapistId) {
        return Map.of(TableSpec.PK, s(SlotRepository.pk(therapistId)), TableSpec.SK, s("BATCH"));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
