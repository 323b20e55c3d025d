package io.therapyms.therapists.mappings;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import io.therapyms.therapists.config.TherapistTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The pair item is the truth about a client and a therapist, and the lock that keeps at most one
 * pending request or link per pair; every mapping event rides on its conditional writes:
 * <pre>
 * pair:    pk = PAIR#&lt;clientId&gt;#&lt;therapistId&gt;  sk = PAIR   state = none | pending | linked
 *          gsi1pk = CPAIR#&lt;clientId&gt;     gsi1sk = &lt;therapistId&gt;
 *          gsi2pk = TPAIR#&lt;therapistId&gt;  gsi2sk = &lt;state&gt;#&lt;since&gt;#&lt;clientId&gt;
 * request: pk = REQ#&lt;id&gt;  sk = REQ   (a record of the request for listing; written after the pair)
 *          gsi1pk = CREQ#&lt;clientId&gt;  gsi2pk = TREQ#&lt;therapistId&gt;  gsi3pk = REQ   sk = &lt;createdAt&gt;#&lt;id&gt;
 * </pre>
 */
@Singleton
public class MappingRepository {

    /** The pair's state as read. */
    public record Pair(String clientId, String therapistId, PairState state, String requestId, String requestedBy,
            String since) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    QueryPager pager;

    /** Takes the pair for a new pending request, with MappingRequested; false if a request or link holds it. */
    public boolean lockForRequest(MappingRequest request, DomainEvent event) {
        return transition(request.clientId(), request.therapistId(), "attribute_not_exists(pk) OR #state = :none",
                Map.of(":none", s(PairState.NONE.wireName())), PairState.PENDING, request.mappingRequestId(), request.requestedBy(),
                request.createdAt(), event);
    }

    /**
     * Moves the pair from {@code fromState} (for requests: with this request id) to {@code toState}
     * in one conditional write carrying {@code event}; false when the pair is not in that state.
     */
    public boolean move(Pair pair, PairState fromState, PairState toState, Instant at, DomainEvent event) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", s(fromState.wireName())));
        String condition = "#state = :from";
        if (pair.requestId() != null && fromState == PairState.PENDING) {
            values.put(":expectedRequest", s(pair.requestId()));
            condition += " AND requestId = :expectedRequest";
        }
        return transition(pair.clientId(), pair.therapistId(), condition, values, toState, pair.requestId(),
                pair.requestedBy(), at, event);
    }

    private boolean transition(String clientId, String therapistId, String condition,
            Map<String, AttributeValue> conditionValues, PairState toState, String requestId, String requestedBy,
            Instant at, DomainEvent event) {
        StagedEvents staged = outbox.stage(event);
        Map<String, String> names = Map.of("#state", "state");
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":state", s(toState.wireName()));
        values.put(":clientId", s(clientId));
        values.put(":therapistId", s(therapistId));
        values.put(":requestId", s(requestId == null ? "" : requestId));
        values.put(":requestedBy", s(requestedBy == null ? "" : requestedBy));
        values.put(":since", s(at.toString()));
        values.put(":gsi1pk", s("CPAIR#" + clientId));
        values.put(":gsi1sk", s(therapistId));
        values.put(":gsi2pk", s("TPAIR#" + therapistId));
        values.put(":gsi2sk", s(toState.wireName() + "#" + at + "#" + clientId));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(pairKey(clientId, therapistId))
                    .updateExpression("SET #state = :state, clientId = :clientId, therapistId = :therapistId, "
                            + "requestId = :requestId, requestedBy = :requestedBy, since = :since, gsi1pk = :gsi1pk, "
                            + "gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk, " + staged.setClause())
                    .conditionExpression(condition)
                    .expressionAttributeNames(merge(names, staged.names()))
                    .expressionAttributeValues(merge(values, staged.values())));
        } catch (ConditionalCheckFailedException notInThatState) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    public Optional<Pair> pair(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(pairKey(clientId, therapistId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toPair(item));
    }

    /** Every pair of a client (gsi1) or of a therapist (gsi2), all pages. */
    public void forEachPairOfClient(String clientId, Consumer<Pair> action) {
        forEach(TableSpec.GSI1, "gsi1pk = :pk", Map.of(":pk", s("CPAIR#" + clientId)), action);
    }

    public void forEachPairOfTherapist(String therapistId, Consumer<Pair> action) {
        forEach(TableSpec.GSI2, "gsi2pk = :pk", Map.of(":pk", s("TPAIR#" + therapistId)), action);
    }

    private void forEach(String index, String keyCondition, Map<String, AttributeValue> values, Consumer<Pair> action) {
        pager.all(QueryRequest.builder().tableName(table()).indexName(index).keyConditionExpression(keyCondition)
                .expressionAttributeValues(values).build()).stream().map(MappingRepository::toPair).forEach(action);
    }

    /** One page of a therapist's links (gsi2, {@code begins_with(gsi2sk, "linked#")}), oldest link first. */
    public Page<Pair> links(String therapistId, PageRequest page, String scope) {
        return pager.page(QueryRequest.builder().tableName(table()).indexName(TableSpec.GSI2)
                .keyConditionExpression("gsi2pk = :pk AND begins_with(gsi2sk, :linked)")
                .expressionAttributeValues(Map.of(":pk", s("TPAIR#" + therapistId),
                        ":linked", s(PairState.LINKED.wireName() + "#")))
                .build(), page, scope, MappingRepository::toPair);
    }

    // --- request records ---

    public void saveRequest(MappingRequest request) {
        String sort = request.createdAt() + "#" + request.mappingRequestId();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s(requestPk(request.mappingRequestId())));
        item.put(TableSpec.SK, s("REQ"));
        item.put(TableSpec.GSI1_PK, s("CREQ#" + request.clientId()));
        item.put(TableSpec.GSI1_SK, s(sort));
        item.put(TableSpec.GSI2_PK, s("TREQ#" + request.therapistId()));
        item.put(TableSpec.GSI2_SK, s(sort));
        item.put(TherapistTables.GSI3_PK, s("REQ"));
        item.put(TherapistTables.GSI3_SK, s(sort));
        item.put("mappingRequestId", s(request.mappingRequestId()));
        item.put("clientId", s(request.clientId()));
        item.put("therapistId", s(request.therapistId()));
        item.put("requestedBy", s(request.requestedBy()));
        item.put("status", s(request.status().wireName()));
        item.put("createdAt", s(request.createdAt().toString()));
        dynamo.putItem(p -> p.tableName(table()).item(item));
    }

    public void setRequestStatus(String requestId, MappingRequestStatus status, Instant at) {
        dynamo.updateItem(u -> u.tableName(table()).key(requestKey(requestId))
                .updateExpression("SET #status = :status, updatedAt = :at")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", s(status.wireName()), ":at", s(at.toString()))));
    }

    public Optional<MappingRequest> request(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(requestKey(requestId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequest(item));
    }

    /** One Query of request records on an index, newest first, optionally filtered by status. */
    public Page<MappingRequest> requests(String index, String partitionAttribute, String partition,
            MappingRequestStatus status,
            PageRequest page, String scope) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table()).indexName(index)
                .keyConditionExpression(partitionAttribute + " = :pk").scanIndexForward(false);
        if (status != null) {
            query.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":pk", s(partition), ":status", s(status.wireName())));
        } else {
            query.expressionAttributeValues(Map.of(":pk", s(partition)));
        }
        return pager.page(query.build(), page, scope, MappingRepository::toRequest);
    }

    static MappingRequest toRequest(Map<String, AttributeValue> item) {
        return new MappingRequest(str(item, "mappingRequestId"), str(item, "clientId"), str(item, "therapistId"),
                str(item, "requestedBy"), MappingRequestStatus.stored(str(item, "status")), InstantText.parse(str(item, "createdAt")));
    }

    static Pair toPair(Map<String, AttributeValue> item) {
        String requestId = str(item, "requestId");
        String requestedBy = str(item, "requestedBy");
        return new Pair(str(item, "clientId"), str(item, "therapistId"), PairState.stored(str(item, "state")),
                requestId == null || requestId.isEmpty() ? null : requestId,
                requestedBy == null || requestedBy.isEmpty() ? null : requestedBy, str(item, "since"));
    }

    private static Map<String, AttributeValue> pairKey(String clientId, String therapistId) {
        return Map.of(TableSpec.PK, s("PAIR#" + clientId + "#" + therapistId), TableSpec.SK, s("PAIR"));
    }

    private static String requestPk(String requestId) {
        return "REQ#" + requestId;
    }

    private static Map<String, AttributeValue> requestKey(String requestId) {
        return Map.of(TableSpec.PK, s(requestPk(requestId)), TableSpec.SK, s("REQ"));
    }

    private String table() {
        return config.prefixed(TherapistTables.MAIN);
    }
}
