package io.therapyms.journal.access;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * <pre>
 * grant pair: pk = CLIENT#c  sk = GRANT#t   state = none | pending | approved, requestId, expiresAt?
 *             (the lock: at most one pending or active request per pair; every access event rides on it)
 * request:    pk = REQ#id    sk = REQ       gsi1pk = CREQ#c / gsi2pk = TREQ#t / gsi3pk = REQ, sk = createdAt#id
 * </pre>
 */
@Singleton
public class AccessRequestRepository {

    static final String NONE = "none";
    static final String PENDING = "pending";
    static final String APPROVED = "approved";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    /** Takes the pair for a new pending request; false if one is pending or an unexpired grant is active. */
    boolean lockForRequest(AccessRequest request, DomainEvent event) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":none", s(NONE));
        values.put(":approved", s(APPROVED));
        values.put(":now", s(Times.format(request.createdAt())));
        values.put(":empty", s(""));
        String condition = "attribute_not_exists(pk) OR #state = :none OR (#state = :approved AND expiresAt <> :empty "
                + "AND expiresAt < :now)";
        return transition(request.clientId(), request.therapistId(), condition, values, PENDING,
                request.journalAccessRequestId(), request.expiresAt(), event);
    }

    /** Moves the pair of this request from {@code from} to {@code to} with {@code event}; false if it is not there. */
    boolean move(AccessRequest request, String from, String to, DomainEvent event) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from));
        values.put(":expectedRequest", s(request.journalAccessRequestId()));
        return transition(request.clientId(), request.therapistId(), "#state = :from AND requestId = :expectedRequest",
                values, to, request.journalAccessRequestId(), request.expiresAt(), event);
    }

    private boolean transition(String clientId, String therapistId, String condition,
            Map<String, AttributeValue> conditionValues, String toState, String requestId, Instant expiresAt,
            DomainEvent event) {
        StagedEvents staged = outbox.stage(event);
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":state", s(toState));
        values.put(":requestId", s(requestId));
        values.put(":clientId", s(clientId));
        values.put(":therapistId", s(therapistId));
        values.put(":expiresAt", s(expiresAt == null ? "" : Times.format(expiresAt)));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(JournalAccess.key(clientId, "GRANT#" + therapistId))
                    .updateExpression("SET #state = :state, requestId = :requestId, clientId = :clientId, "
                            + "therapistId = :therapistId, expiresAt = :expiresAt, " + staged.setClause())
                    .conditionExpression(condition)
                    .expressionAttributeNames(merge(Map.of("#state", "state"), staged.names()))
                    .expressionAttributeValues(merge(values, staged.values())));
        } catch (ConditionalCheckFailedException notInThatState) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** The pair's current state and request id, read consistently. */
    Optional<String[]> pair(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).consistentRead(true)
                .key(JournalAccess.key(clientId, "GRANT#" + therapistId))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new String[] { str(item, "state"), str(item, "requestId") });
    }

    void saveRequest(AccessRequest request) {
        String sort = Times.format(request.createdAt()) + "#" + request.journalAccessRequestId();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s("REQ#" + request.journalAccessRequestId()));
        item.put(TableSpec.SK, s("REQ"));
        item.put(TableSpec.GSI1_PK, s("CREQ#" + request.clientId()));
        item.put(TableSpec.GSI1_SK, s(sort));
        item.put(TableSpec.GSI2_PK, s("TREQ#" + request.therapistId()));
        item.put(TableSpec.GSI2_SK, s(sort));
        item.put(JournalTables.GSI3_PK, s("REQ"));
        item.put(JournalTables.GSI3_SK, s(sort));
        item.put("journalAccessRequestId", s(request.journalAccessRequestId()));
        item.put("clientId", s(request.clientId()));
        item.put("therapistId", s(request.therapistId()));
        if (request.reason() != null) {
            item.put("reason", s(request.reason()));
        }
        if (request.expiresAt() != null) {
            item.put("expiresAt", s(Times.format(request.expiresAt())));
        }
        item.put("status", s(request.status()));
        item.put("createdAt", s(Times.format(request.createdAt())));
        item.put("updatedAt", s(Times.format(request.updatedAt())));
        dynamo.putItem(p -> p.tableName(table()).item(item));
    }

    void setStatus(String requestId, String status, Instant at) {
        dynamo.updateItem(u -> u.tableName(table()).key(requestKey(requestId))
                .updateExpression("SET #status = :status, updatedAt = :at")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", s(status), ":at", s(Times.format(at)))));
    }

    Optional<AccessRequest> request(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(requestKey(requestId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequest(item));
    }

    QueryResponse requests(String index, String partitionAttribute, String partition, String status, int limit,
            Map<String, AttributeValue> start) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table()).indexName(index)
                .keyConditionExpression(partitionAttribute + " = :pk").scanIndexForward(false)
                .limit(limit).exclusiveStartKey(start);
        if (status != null) {
            query.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":pk", s(partition), ":status", s(status)));
        } else {
            query.expressionAttributeValues(Map.of(":pk", s(partition)));
        }
        return dynamo.query(query.build());
    }

    static AccessRequest toRequest(Map<String, AttributeValue> item) {
        String expiresAt = str(item, "expiresAt");
        String updatedAt = str(item, "updatedAt");
        return new AccessRequest(str(item, "journalAccessRequestId"), str(item, "clientId"), str(item, "therapistId"),
                str(item, "reason"), expiresAt == null ? null : Instant.parse(expiresAt), str(item, "status"),
                Instant.parse(str(item, "createdAt")), updatedAt == null ? null : Instant.parse(updatedAt));
    }

    static Map<String, AttributeValue> requestKey(String requestId) {
        return Map.of(TableSpec.PK, s("REQ#" + requestId), TableSpec.SK, s("REQ"));
    }

    private String table() {
        return config.prefixed(JournalTables.MAIN);
    }
}
