package io.therapyms.journal.access;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * <pre>
 * grant pair: pk = CLIENT#c  sk = GRANT#t   state = none | pending | approved ({@link GrantState}), and the current request in full
 *             (requestId, requestStatus, reason, expiresAt, createdAt, updatedAt)
 *             the lock (at most one pending or active request per pair), the truth for access decisions and
 *             for the history; every access event rides on it
 * request:    pk = REQ#id    sk = REQ       gsi1pk = CREQ#c / gsi2pk = TREQ#t / gsi3pk = REQ, sk = createdAt#id
 *             the history shown by GET: a projection of the pair, written after it, rebuildable from it
 * </pre>
 */
@Singleton
public class AccessRequestRepository {

    /** The statuses a history record may move on from to reach a status; it never moves backwards. */
    private static final Map<AccessRequestStatus, List<AccessRequestStatus>> EARLIER = Map.of(
            AccessRequestStatus.APPROVED, List.of(AccessRequestStatus.PENDING),
            AccessRequestStatus.REJECTED, List.of(AccessRequestStatus.PENDING),
            AccessRequestStatus.CANCELLED, List.of(AccessRequestStatus.PENDING),
            AccessRequestStatus.REVOKED, List.of(AccessRequestStatus.PENDING, AccessRequestStatus.APPROVED));

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    PageCursors cursors;

    /** Takes the pair for the new pending {@code request}; false if one is pending or an unexpired grant is active. */
    boolean lockForRequest(AccessRequest request, DomainEvent event) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":none", s(GrantState.NONE.wireName()));
        values.put(":approved", s(GrantState.APPROVED.wireName()));
        values.put(":now", s(SortableTime.millis(request.createdAt())));
        values.put(":empty", s(""));
        // a tombstone (erasure waiting for the relay) is not free: the relay would delete the new lock with it
        String condition = "(attribute_not_exists(#state) AND attribute_not_exists(#tombstone)) OR #state = :none "
                + "OR (#state = :approved AND expiresAt <> :empty AND expiresAt < :now)";
        return transition(request, GrantState.PENDING, condition, values, event);
    }

    /** Moves the pair of {@code decided} (carrying its new status) from state {@code from} to {@code to}; false if it is not there. */
    boolean move(AccessRequest decided, GrantState from, GrantState to, DomainEvent event) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.wireName()));
        values.put(":expectedRequest", s(decided.journalAccessRequestId()));
        return transition(decided, to, "#state = :from AND requestId = :expectedRequest "
                + "AND attribute_not_exists(#tombstone)", values, event);
    }

    private boolean transition(AccessRequest request, GrantState toState, String condition,
            Map<String, AttributeValue> conditionValues, DomainEvent event) {
        StagedEvents staged = outbox.stage(event);
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":state", s(toState.wireName()));
        values.put(":requestId", s(request.journalAccessRequestId()));
        values.put(":requestStatus", s(request.status().wireName()));
        values.put(":clientId", s(request.clientId()));
        values.put(":therapistId", s(request.therapistId()));
        values.put(":expiresAt", s(request.expiresAt() == null ? "" : SortableTime.millis(request.expiresAt())));
        values.put(":createdAt", s(SortableTime.millis(request.createdAt())));
        values.put(":updatedAt", s(SortableTime.millis(request.updatedAt())));
        String reason;
        if (request.reason() == null) {
            reason = " REMOVE reason";
        } else {
            values.put(":reason", s(request.reason()));
            reason = ", reason = :reason";
        }
        String update = "SET #state = :state, requestId = :requestId, requestStatus = :requestStatus, "
                + "clientId = :clientId, therapistId = :therapistId, expiresAt = :expiresAt, createdAt = :createdAt, "
                + "updatedAt = :updatedAt, " + staged.setClause() + reason;
        try {
            dynamo.updateItem(u -> u.tableName(table())
                    .key(pairKey(request.clientId(), request.therapistId()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(merge(Map.of("#state", "state", "#tombstone",
                            OutboxAttributes.DELETE_WHEN_SENT), staged.names()))
                    .expressionAttributeValues(merge(values, staged.values())));
        } catch (ConditionalCheckFailedException notInThatState) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** What the pair's grant says: its state (none, pending, approved) and when an approval expires (null: never). */
    record Grant(GrantState state, Instant expiresAt) {
    }

    /** The pair's grant, read consistently; empty if the pair has no state (never written, or a tombstone). */
    Optional<Grant> grant(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).consistentRead(true)
                .key(pairKey(clientId, therapistId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String expiresAt = str(item, "expiresAt");
        return GrantState.fromStored(str(item, "state")).map(state -> new Grant(state,
                expiresAt == null || expiresAt.isEmpty() ? null : InstantText.parse(expiresAt)));
    }

    /**
     * The therapist ids of the client's grant pairs that say approved, with their grants; one Query of the client
     * partition's GRANT# range, read consistently like {@link #grant} (tombstones have no state and drop out).
     */
    Map<String, Grant> approvedGrants(String clientId) {
        Map<String, Grant> found = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table()).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :grant)")
                    .expressionAttributeValues(Map.of(":pk", s("CLIENT#" + clientId), ":grant", s("GRANT#")))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String expiresAt = str(item, "expiresAt");
                GrantState.fromStored(str(item, "state")).filter(state -> state == GrantState.APPROVED)
                        .ifPresent(state -> found.put(str(item, TableSpec.SK).substring("GRANT#".length()),
                                new Grant(state, expiresAt == null || expiresAt.isEmpty() ? null
                                        : InstantText.parse(expiresAt))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** The request the pair currently holds, with its status, read consistently; empty if none (or a tombstone). */
    Optional<AccessRequest> current(String clientId, String therapistId) {
        Map<String, AttributeValue> pair = dynamo.getItem(g -> g.tableName(table()).consistentRead(true)
                .key(pairKey(clientId, therapistId))).item();
        if (pair == null || pair.isEmpty() || Outbox.isTombstone(pair) || str(pair, "requestId") == null) {
            return Optional.empty();
        }
        String requestId = str(pair, "requestId");
        if (str(pair, "createdAt") == null) {
            // a pair written before it carried the request: its history record is the only copy
            return request(requestId).map(r -> r.withStatus(statusOfOldPair(pair, r), r.updatedAt()));
        }
        String expiresAt = str(pair, "expiresAt");
        return Optional.of(new AccessRequest(requestId, clientId, therapistId, str(pair, "reason"),
                expiresAt == null || expiresAt.isEmpty() ? null : InstantText.parse(expiresAt),
                AccessRequestStatus.stored(str(pair, "requestStatus")),
                InstantText.parse(str(pair, "createdAt")), InstantText.parse(str(pair, "updatedAt"))));
    }

    private static AccessRequestStatus statusOfOldPair(Map<String, AttributeValue> pair, AccessRequest record) {
        return switch (GrantState.fromStored(str(pair, "state")).orElse(GrantState.NONE)) {
            case PENDING -> AccessRequestStatus.PENDING;
            case APPROVED -> AccessRequestStatus.APPROVED;
            case NONE -> record.status();
        };
    }

    /**
     * Brings the history record in line with {@code request} as the pair holds it: creates it when missing
     * (the process died after taking the lock), else moves its status forward (it died after moving the
     * pair). Idempotent, and a late or repeated call never moves a status backwards.
     */
    void recordHistory(AccessRequest request) {
        try {
            dynamo.putItem(p -> p.tableName(table()).item(toItem(request)).conditionExpression("attribute_not_exists(pk)"));
            return;
        } catch (ConditionalCheckFailedException recorded) {
            // the record exists: advance its status below
        }
        List<AccessRequestStatus> earlier = EARLIER.getOrDefault(request.status(), List.of());
        if (earlier.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(request.status().wireName()));
        values.put(":at", s(SortableTime.millis(request.updatedAt())));
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < earlier.size(); i++) {
            values.put(":earlier" + i, s(earlier.get(i).wireName()));
            in.append(i == 0 ? "" : ", ").append(":earlier").append(i);
        }
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(requestKey(request.journalAccessRequestId()))
                    .updateExpression("SET #status = :status, updatedAt = :at")
                    .conditionExpression("#status IN (" + in + ")")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException alreadyThereOrBeyond) {
            // recorded by an earlier or concurrent call
        }
    }

    private Map<String, AttributeValue> toItem(AccessRequest request) {
        String sort = SortableTime.millis(request.createdAt()) + "#" + request.journalAccessRequestId();
        Map<String, AttributeValue> item = new HashMap<>(requestKey(request.journalAccessRequestId()));
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
            item.put("expiresAt", s(SortableTime.millis(request.expiresAt())));
        }
        item.put("status", s(request.status().wireName()));
        item.put("createdAt", s(SortableTime.millis(request.createdAt())));
        item.put("updatedAt", s(SortableTime.millis(request.updatedAt())));
        return item;
    }

    Optional<AccessRequest> request(String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(requestKey(requestId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequest(item));
    }

    /** Whose requests a list shows: the client's, the therapist's, or (admins) everyone's; and the index that has them. */
    enum Listing {
        OF_CLIENT(TableSpec.GSI1, TableSpec.GSI1_PK),
        OF_THERAPIST(TableSpec.GSI2, TableSpec.GSI2_PK),
        ALL(JournalTables.GSI3, JournalTables.GSI3_PK);

        final String index;
        final String partitionAttribute;

        Listing(String index, String partitionAttribute) {
            this.index = index;
            this.partitionAttribute = partitionAttribute;
        }
    }

    /**
     * A page of request records, newest first, whose stored status is {@code storedStatus} (any if null).
     * The cursor is signed for the listing and {@code requestedStatus}, the status the caller asked for.
     */
    Page<AccessRequest> requests(Listing listing, String userId, AccessRequestStatus storedStatus,
            AccessRequestStatus requestedStatus, PageRequest page) {
        String partition = switch (listing) {
            case OF_CLIENT -> "CREQ#" + userId;
            case OF_THERAPIST -> "TREQ#" + userId;
            case ALL -> "REQ";
        };
        String scope = "journal-access-requests:" + partition + ":"
                + (requestedStatus == null ? null : requestedStatus.wireName());
        QueryRequest.Builder query = QueryRequest.builder().tableName(table()).indexName(listing.index)
                .keyConditionExpression(listing.partitionAttribute + " = :pk").scanIndexForward(false)
                .limit(page.limit()).exclusiveStartKey(cursors.decode(page.cursor(), scope));
        if (storedStatus != null) {
            query.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":pk", s(partition), ":status", s(storedStatus.wireName())));
        } else {
            query.expressionAttributeValues(Map.of(":pk", s(partition)));
        }
        QueryResponse response = dynamo.query(query.build());
        return new Page<>(response.items().stream().map(AccessRequestRepository::toRequest).toList(),
                response.hasLastEvaluatedKey() ? cursors.encode(response.lastEvaluatedKey(), scope) : null);
    }

    static AccessRequest toRequest(Map<String, AttributeValue> item) {
        String expiresAt = str(item, "expiresAt");
        String updatedAt = str(item, "updatedAt");
        return new AccessRequest(str(item, "journalAccessRequestId"), str(item, "clientId"), str(item, "therapistId"),
                str(item, "reason"), expiresAt == null ? null : InstantText.parse(expiresAt),
                AccessRequestStatus.stored(str(item, "status")),
                InstantText.parse(str(item, "createdAt")), updatedAt == null ? null : InstantText.parse(updatedAt));
    }

    /** The grant pair's key; the link item shares its partition ({@link LinkRepository}). */
    private static Map<String, AttributeValue> pairKey(String clientId, String therapistId) {
        return Map.of(TableSpec.PK, s("CLIENT#" + clientId), TableSpec.SK, s("GRANT#" + therapistId));
    }

    static Map<String, AttributeValue> requestKey(String requestId) {
        return Map.of(TableSpec.PK, s("REQ#" + requestId), TableSpec.SK, s("REQ"));
    }

    private String table() {
        return config.prefixed(JournalTables.MAIN);
    }
}
