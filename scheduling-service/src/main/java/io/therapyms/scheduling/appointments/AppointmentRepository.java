package io.therapyms.scheduling.appointments;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

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
 * <pre>
 * request: pk = AREQ#id sk = AREQ   gsi1pk = CAREQ#clientId gsi1sk = createdAt#id
 *                                   gsi2pk = SAREQ#slotId   gsi2sk = createdAt#id   (+ therapistId attribute)
 * lock:    pk = PLOCK#clientId#slotId sk = PLOCK   (one pending request per client and slot)
 * counter: pk = PCOUNT#clientId sk = PCOUNT  pending (≤ 10, ADD with a condition)
 * therapist's list: pk = THER#therapistId sk = AREQ#createdAt#id (a reference item per request)
 * </pre>
 */
@Singleton
public class AppointmentRepository {

    static final int MAX_PENDING = 10;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

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
        String sort = request.createdAt() + "#" + request.appointmentRequestId();
        Map<String, AttributeValue> item = new HashMap<>(key(request.appointmentRequestId()));
        item.put(TableSpec.GSI1_PK, s("CAREQ#" + request.clientId()));
        item.put(TableSpec.GSI1_SK, s(sort));
        item.put(TableSpec.GSI2_PK, s("SAREQ#" + request.slotId()));
        item.put(TableSpec.GSI2_SK, s(sort));
        item.put("appointmentRequestId", s(request.appointmentRequestId()));
        item.put("slotId", s(request.slotId()));
        item.put("clientId", s(request.clientId()));
        item.put("therapistId", s(request.therapistId()));
        item.put("startTime", s(request.startTime().toString()));
        item.put("endTime", s(request.endTime().toString()));
        if (request.note() != null) {
            item.put("note", s(request.note()));
        }
        item.put("status", s(request.status()));
        item.put("createdAt", s(request.createdAt().toString()));
        dynamo.putItem(p -> p.tableName(table()).item(outbox.withEvents(item, event))
                .conditionExpression("attribute_not_exists(pk)"));
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s("THER#" + request.therapistId()),
                TableSpec.SK, s("AREQ#" + sort), "appointmentRequestId", s(request.appointmentRequestId()))));
        outbox.flushSoon();
    }

    /** pending → {@code status}, with its event (if any) in the same write; false if no longer pending. */
    public boolean resolve(String requestId, String status, DomainEvent event) {
        StagedEvents staged = event == null ? null : outbox.stage(event);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(requestId))
                    .updateExpression("SET #status = :status" + (staged == null ? "" : ", " + staged.setClause()))
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(staged == null ? Map.of("#status", "status")
                            : merge(Map.of("#status", "status"), staged.names()))
                    .expressionAttributeValues(merge(Map.of(":status", s(status), ":pending", s("pending")),
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

    public List<AppointmentRequest> ofClient(String clientId) {
        return query(TableSpec.GSI1, "gsi1pk", "CAREQ#" + clientId);
    }

    public List<AppointmentRequest> ofSlot(String slotId) {
        return query(TableSpec.GSI2, "gsi2pk", "SAREQ#" + slotId);
    }

    public List<AppointmentRequest> ofTherapist(String therapistId) {
        List<AppointmentRequest> requests = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s("THER#" + therapistId), ":prefix", s("AREQ#")))
                    .exclusiveStartKey(start).build());
            response.items().forEach(i -> find(str(i, "appointmentRequestId")).ifPresent(requests::add));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return requests;
    }

    private List<AppointmentRequest> query(String index, String attribute, String partition) {
        List<AppointmentRequest> requests = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table()).indexName(index)
                    .keyConditionExpression(attribute + " = :pk").expressionAttributeValues(Map.of(":pk", s(partition)))
                    .exclusiveStartKey(start).build());
            response.items().forEach(i -> requests.add(toRequest(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return requests;
    }

    static AppointmentRequest toRequest(Map<String, AttributeValue> item) {
        return new AppointmentRequest(str(item, "appointmentRequestId"), str(item, "slotId"), str(item, "clientId"),
                str(item, "therapistId"), Instant.parse(str(item, "startTime")), Instant.parse(str(item, "endTime")),
                str(item, "note"), str(item, "status"), Instant.parse(str(item, "createdAt")));
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
