package io.therapyms.scheduling.slots;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.scheduling.config.SchedulingTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * <pre>slot: pk = THER#therapistId  sk = SLOT#startTime#slotId  status = open | booked, bookedBy = requestId
 *       gsi1pk = SLOT#slotId gsi1sk = SLOT (find a slot by id)</pre>
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

    public void put(Slot slot, DomainEvent... events) {
        Map<String, AttributeValue> item = new HashMap<>(key(slot));
        item.put(TableSpec.GSI1_PK, s("SLOT#" + slot.slotId()));
        item.put(TableSpec.GSI1_SK, s("SLOT"));
        item.put("slotId", s(slot.slotId()));
        item.put("therapistId", s(slot.therapistId()));
        item.put("startTime", s(slot.startTime().toString()));
        item.put("endTime", s(slot.endTime().toString()));
        item.put("status", s(slot.status()));
        dynamo.putItem(p -> p.tableName(table()).item(events.length == 0 ? item : outbox.withEvents(item, events))
                .conditionExpression("attribute_not_exists(pk)"));
        if (events.length > 0) {
            outbox.flushSoon();
        }
    }

    /** The therapist's slots that may overlap [from, to): a Query on the key window, exact check on the instants. */
    public List<Slot> between(String therapistId, Instant from, Instant to) {
        List<Slot> slots = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table()).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", s("THER#" + therapistId),
                            ":from", s("SLOT#" + from.minus(MAX_LENGTH)), ":to", s("SLOT#" + to + "~")))
                    .exclusiveStartKey(start).build());
            response.items().stream().map(SlotRepository::toSlot)
                    .filter(slot -> slot.startTime().isBefore(to) && slot.endTime().isAfter(from)).forEach(slots::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return slots;
    }

    public Optional<Slot> find(String slotId) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :pk").expressionAttributeValues(Map.of(":pk", s("SLOT#" + slotId)))
                .build());
        if (response.items().isEmpty()) {
            return Optional.empty();
        }
        Slot indexed = toSlot(response.items().get(0));
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(indexed))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSlot(item));
    }

    /** open → booked by this request, with the approval event in the same write; false if not open. */
    public boolean book(Slot slot, String requestId, DomainEvent approved) {
        return transition(slot, "open", "booked", requestId, null, approved);
    }

    /** booked (by this request) → open again, with the given events. */
    public boolean reopen(Slot slot, String requestId, DomainEvent... events) {
        return transition(slot, "booked", "open", "", requestId, events);
    }

    private boolean transition(Slot slot, String from, String to, String bookedBy, String expectedBookedBy,
            DomainEvent... events) {
        StagedEvents staged = events.length == 0 ? null : outbox.stage(events);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", s(from), ":to", s(to),
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

    /** Deletes an open slot; false if it is booked (or gone). */
    public boolean deleteOpen(Slot slot) {
        try {
            dynamo.deleteItem(d -> d.tableName(table()).key(key(slot)).conditionExpression("#status = :open")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":open", s("open"))));
            return true;
        } catch (ConditionalCheckFailedException booked) {
            return false;
        }
    }

    static Slot toSlot(Map<String, AttributeValue> item) {
        return new Slot(str(item, "slotId"), str(item, "therapistId"), Instant.parse(str(item, "startTime")),
                Instant.parse(str(item, "endTime")), str(item, "status"));
    }

    private static Map<String, AttributeValue> key(Slot slot) {
        return Map.of(TableSpec.PK, s("THER#" + slot.therapistId()),
                TableSpec.SK, s("SLOT#" + slot.startTime() + "#" + slot.slotId()));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
