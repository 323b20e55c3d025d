package io.therapyms.scheduling.slots;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.scheduling.SlotDeleted;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import io.therapyms.scheduling.config.QueryPages;
import io.therapyms.scheduling.config.SchedulingTables;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * <pre>slot: pk = THER#therapistId  sk = SLOT#startKey#slotId  status = open | booked, bookedBy = requestId
 *       gsi1pk = SLOT#slotId gsi1sk = SLOT (find a slot by id)</pre>
 * {@code startKey} is {@link SortableTime#nanos}: fixed-width UTC, so the sort key orders slots by start.
 */
@Singleton
public class SlotRepository {

    public static final Duration MAX_LENGTH = Duration.ofHours(4);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    QueryPages pages;

    /** Writes the slot (with its events) unless it exists: writing a batch again changes nothing. */
    public void putOnce(Slot slot, DomainEvent... events) {
        Map<String, AttributeValue> item = new HashMap<>(key(slot));
        item.put(TableSpec.GSI1_PK, s("SLOT#" + slot.slotId()));
        item.put(TableSpec.GSI1_SK, s("SLOT"));
        item.put("slotId", s(slot.slotId()));
        item.put("therapistId", s(slot.therapistId()));
        item.put("startTime", s(slot.startTime().toString()));
        item.put("endTime", s(slot.endTime().toString()));
        item.put("status", s(slot.status().wireName()));
        item.put("bookedBy", s(slot.bookedBy()));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(events.length == 0 ? item : outbox.withEvents(item, events))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException written) {
            return; // written before, by this batch's first attempt or by a roll-forward
        }
        if (events.length > 0) {
            outbox.flushSoon();
        }
    }

    /** The therapist's slots that overlap [from, to): a consistent Query on the key window, exact check on the instants. */
    public List<Slot> overlapping(String therapistId, Instant from, Instant to) {
        QueryRequest query = startingBetween(therapistId, from.minus(MAX_LENGTH), to, null).toBuilder()
                .consistentRead(true).build();
        return pages.all(query).stream().filter(SlotRepository::live).map(SlotRepository::toSlot)
                .filter(slot -> slot.startTime().isBefore(to) && slot.endTime().isAfter(from)).toList();
    }

    /** A page of the therapist's slots starting in [from, to), by start time; {@code status} optional. */
    public Page<Slot> page(String therapistId, Instant from, Instant to, SlotStatus status, PageRequest page, String scope) {
        return pages.page(startingBetween(therapistId, from, to, status), page, scope,
                item -> live(item) ? toSlot(item) : null);
    }

    /** Every slot of the therapist (a deleted therapist's slots are withdrawn). */
    public List<Slot> ofTherapist(String therapistId) {
        QueryRequest query = pages.query(null, "pk = :pk AND begins_with(sk, :slot)",
                Map.of(":pk", s(pk(therapistId)), ":slot", s("SLOT#")), null, true);
        return pages.all(query).stream().filter(SlotRepository::live).map(SlotRepository::toSlot).toList();
    }

    /** Slots starting in [from, to): SLOT#key(to)#id sorts after SLOT#key(to), so a start at {@code to} is out. */
    private QueryRequest startingBetween(String therapistId, Instant from, Instant to, SlotStatus status) {
        return pages.query(null, "pk = :pk AND sk BETWEEN :from AND :to", Map.of(":pk", s(pk(therapistId)),
                ":from", s("SLOT#" + SortableTime.nanos(from)), ":to", s("SLOT#" + SortableTime.nanos(to))),
                status == null ? null : status.wireName(), true);
    }

    public Optional<Slot> find(String slotId) {
        List<Map<String, AttributeValue>> indexed = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :pk").expressionAttributeValues(Map.of(":pk", s("SLOT#" + slotId))))
                .items();
        if (indexed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(toSlot(indexed.get(0))))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() || !live(item) ? Optional.empty() : Optional.of(toSlot(item));
    }

    /** open → booked by this request, with the approval event in the same write; false if not open. */
    public boolean book(Slot slot, String requestId, DomainEvent approved) {
        return transition(slot, SlotStatus.OPEN, SlotStatus.BOOKED, requestId, null, approved);
    }

    /** booked (by this request) → open again, with the given events. */
    public boolean reopen(Slot slot, String requestId, DomainEvent... events) {
        return transition(slot, SlotStatus.BOOKED, SlotStatus.OPEN, "", requestId, events);
    }

    private boolean transition(Slot slot, SlotStatus from, SlotStatus to, String bookedBy, String expectedBookedBy,
            DomainEvent... events) {
        StagedEvents staged = events.length == 0 ? null : outbox.stage(events);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", s(from.wireName()), ":to", s(to.wireName()),
                ":bookedBy", s(bookedBy)));
        String condition = expectedBookedBy == null ? "#status = :from" : "#status = :from AND bookedBy = :expected";
        if (expectedBookedBy != null) {
            values.put(":expected", s(expectedBookedBy));
        }
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(slot))
                    .updateExpression("SET #status = :to, bookedBy = :bookedBy"
                            + (events.length == 0 ? "" : ", " + staged.setClause()))
                    .conditionExpression(condition)
                    .expressionAttributeNames(events.length == 0 ? Map.of("#status", "status")
                            : merge(Map.of("#status", "status"), staged.names()))
                    .expressionAttributeValues(events.length == 0 ? values : merge(values, staged.values())));
        } catch (ConditionalCheckFailedException notInThatState) {
            return false;
        }
        if (events.length > 0) {
            outbox.flushSoon();
        }
        return true;
    }

    /**
     * Withdraws an open slot; false if it is booked (or gone). The item becomes a tombstone carrying SlotDeleted
     * (analytics takes back its offered hours) and leaves the slot-id index at once; the relay deletes it once the
     * event is out, and until then every reader here skips it.
     */
    public boolean deleteOpen(Slot slot) {
        StagedEvents staged = outbox.stageDeletion(new SlotDeleted(slot.slotId(), slot.therapistId(), slot.startTime(),
                slot.endTime()));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(slot))
                    .updateExpression("SET #status = :deleted, " + staged.setClause() + " REMOVE gsi1pk, gsi1sk")
                    .conditionExpression("#status = :open")
                    .expressionAttributeNames(merge(Map.of("#status", "status"), staged.names()))
                    .expressionAttributeValues(merge(Map.of(":open", s(SlotStatus.OPEN.wireName()),
                            ":deleted", s(WITHDRAWN)), staged.values())));
        } catch (ConditionalCheckFailedException booked) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** The stored status of a withdrawn slot's tombstone; never read back as a {@link SlotStatus}. */
    private static final String WITHDRAWN = "deleted";

    /** False for a withdrawn slot whose SlotDeleted is not out yet (the relay deletes it then). */
    private static boolean live(Map<String, AttributeValue> item) {
        return !Outbox.isTombstone(item);
    }

    static Slot toSlot(Map<String, AttributeValue> item) {
        String bookedBy = str(item, "bookedBy");
        return new Slot(str(item, "slotId"), str(item, "therapistId"), InstantText.parse(str(item, "startTime")),
                InstantText.parse(str(item, "endTime")), SlotStatus.stored(str(item, "status")), bookedBy == null ? "" : bookedBy);
    }

    static String pk(String therapistId) {
        return "THER#" + therapistId;
    }

    private static Map<String, AttributeValue> key(Slot slot) {
        return Map.of(TableSpec.PK, s(pk(slot.therapistId())),
                TableSpec.SK, s("SLOT#" + SortableTime.nanos(slot.startTime()) + "#" + slot.slotId()));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
