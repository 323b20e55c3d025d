package io.therapyms.scheduling.appointments;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
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

/**
 * <pre>
 * request: pk = AREQ#id sk = AREQ
 * lock:    pk = PLOCK#clientId#slotId sk = PLOCK   (one pending request per client and slot)
 * counter: pk = PCOUNT#clientId sk = PCOUNT  pending (≤ 10, ADD with a condition)
 * </pre>
 * The request's index entries (sort key createdAt#id, {@link SortableTime#nanos}): gsi1pk = CAREQ#clientId,
 * gsi2pk = SAREQ#slotId, gsi3pk = AREQ (admin), gsi4pk = TAREQ#therapistId.
 */
@Singleton
public class AppointmentRepository {

    static final int MAX_PENDING = 10;
    private static final String CLIENT_PREFIX = "CAREQ#";
    private static final String SLOT_PREFIX = "SAREQ#";
    private static final String THERAPIST_PREFIX = "TAREQ#";
    private static final String ALL = "AREQ";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    QueryPages pages;

    public boolean lock(String clientId, String slotId, String requestId) {
        try {
            dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s(lockPk(clientId, slotId)),
                    TableSpec.SK, s("PLOCK"), "requestId", s(requestId)))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    public void unlock(String clientId, String slotId, String requestId) {
        try {
            dynamo.deleteItem(d -> d.tableName(table())
                    .key(Map.of(TableSpec.PK, s(lockPk(clientId, slotId)), TableSpec.SK, s("PLOCK")))
                    .conditionExpression("requestId = :id").expressionAttributeValues(Map.of(":id", s(requestId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // released already
        }
    }

    public boolean countPending(String clientId, int delta) {
        try {
            dynamo.updateItem(u -> {
                u.tableName(table()).key(Map.of(TableSpec.PK, s("PCOUNT#" + clientId), TableSpec.SK, s("PCOUNT")))
                        .updateExpression("ADD pending :delta");
                if (delta > 0) {
                    u.conditionExpression("attribute_not_exists(pending) OR pending < :max")
                            .expressionAttributeValues(Map.of(":delta", AttributeValue.fromN("1"),
                                    ":max", AttributeValue.fromN(Integer.toString(MAX_PENDING))));
                } else {
                    u.conditionExpression("pending > :zero").expressionAttributeValues(Map.of(
                            ":delta", AttributeValue.fromN(Integer.toString(delta)), ":zero", AttributeValue.fromN("0")));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    public void create(AppointmentRequest request, DomainEvent event) {
        // one item, four sparse index entries: by client, by slot, for the admin, for the slot's therapist
        String sort = SortableTime.nanos(request.createdAt()) + "#" + request.appointmentRequestId();
        Map<String, AttributeValue> item = new HashMap<>(key(request.appointmentRequestId()));
        item.put(TableSpec.GSI1_PK, s(CLIENT_PREFIX + request.clientId()));
        item.put(TableSpec.GSI1_SK, s(sort));
        item.put(TableSpec.GSI2_PK, s(SLOT_PREFIX + request.slotId()));
        item.put(TableSpec.GSI2_SK, s(sort));
        item.put(SchedulingTables.GSI3_PK, s(ALL));
        item.put(SchedulingTables.GSI3_SK, s(sort));
        item.put(SchedulingTables.GSI4_PK, s(THERAPIST_PREFIX + request.therapistId()));
        item.put(SchedulingTables.GSI4_SK, s(sort));
        item.put("appointmentRequestId", s(request.appointmentRequestId()));
        item.put("slotId", s(request.slotId()));
        item.put("clientId", s(request.clientId()));
        item.put("therapistId", s(request.therapistId()));
        item.put("startTime", s(request.startTime().toString()));
        item.put("endTime", s(request.endTime().toString()));
        if (request.note() != null) {
            item.put("note", s(request.note()));
        }
        item.put("status", s(request.status().wireName()));
        item.put("createdAt", s(request.createdAt().toString()));
        dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item, event))
                .conditionExpression("attribute_not_exists(pk)"));
        outbox.flushSoon();
    }

    /** pending → {@code status}, with its event (if any) in the same write; false if no longer pending. */
    public boolean resolve(String requestId, AppointmentStatus status, DomainEvent event) {
        StagedEvents staged = event == null ? null : outbox.stage(event);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(requestId))
                    .updateExpression("SET #status = :status" + (staged == null ? "" : ", " + staged.setClause()))
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(staged == null ? Map.of("#status", "status")
                            : merge(Map.of("#status", "status"), staged.names()))
                    .expressionAttributeValues(merge(Map.of(":status", s(status.wireName()), ":pending", s(AppointmentStatus.PENDING.wireName())),
                            staged == null ? Map.of() : staged.values())));
        } catch (ConditionalCheckFailedException notPending) {
            return false;
        }
        if (staged != null) {
            outbox.flushSoon();
        }
        return true;
    }

    public Optional<AppointmentRequest> find(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(requestId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequest(item));
    }

    /** A page of the client's requests, newest first. */
    public Page<AppointmentRequest> pageOfClient(String clientId, AppointmentStatus status, PageRequest page) {
        return page(TableSpec.GSI1, TableSpec.GSI1_PK, CLIENT_PREFIX + clientId, status, page);
    }

    /** A page of the requests for the therapist's slots, newest first. */
    public Page<AppointmentRequest> pageOfTherapist(String therapistId, AppointmentStatus status, PageRequest page) {
        return page(SchedulingTables.GSI4, SchedulingTables.GSI4_PK, THERAPIST_PREFIX + therapistId, status, page);
    }

    /** A page of every request (admin), newest first. */
    public Page<AppointmentRequest> pageOfAll(AppointmentStatus status, PageRequest page) {
        return page(SchedulingTables.GSI3, SchedulingTables.GSI3_PK, ALL, status, page);
    }

    public List<AppointmentRequest> pendingOfClient(String clientId) {
        return pending(TableSpec.GSI1, TableSpec.GSI1_PK, CLIENT_PREFIX + clientId);
    }

    public List<AppointmentRequest> pendingOfTherapist(String therapistId) {
        return pending(SchedulingTables.GSI4, SchedulingTables.GSI4_PK, THERAPIST_PREFIX + therapistId);
    }

    public List<AppointmentRequest> pendingOfSlot(String slotId) {
        return pending(TableSpec.GSI2, TableSpec.GSI2_PK, SLOT_PREFIX + slotId);
    }

    private Page<AppointmentRequest> page(String index, String attribute, String partition, AppointmentStatus status,
            PageRequest page) {
        String wanted = status == null ? null : status.wireName();
        String scope = "scheduling:requests:" + partition + ":" + wanted;
        return pages.page(pages.query(index, attribute + " = :pk", Map.of(":pk", s(partition)), wanted, false),
                page, scope, AppointmentRepository::toRequest);
    }

    private List<AppointmentRequest> pending(String index, String attribute, String partition) {
        return pages.all(pages.query(index, attribute + " = :pk", Map.of(":pk", s(partition)), AppointmentStatus.PENDING.wireName(), true))
                .stream().map(AppointmentRepository::toRequest).toList();
    }

    static AppointmentRequest toRequest(Map<String, AttributeValue> item) {
        return new AppointmentRequest(str(item, "appointmentRequestId"), str(item, "slotId"), str(item, "clientId"),
                str(item, "therapistId"), InstantText.parse(str(item, "startTime")), InstantText.parse(str(item, "endTime")),
                str(item, "note"), AppointmentStatus.stored(str(item, "status")), InstantText.parse(str(item, "createdAt")));
    }

    private static String lockPk(String clientId, String slotId) {
        return "PLOCK#" + clientId + "#" + slotId;
    }

    private static Map<String, AttributeValue> key(String requestId) {
        return Map.of(TableSpec.PK, s("AREQ#" + requestId), TableSpec.SK, s("AREQ"));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
