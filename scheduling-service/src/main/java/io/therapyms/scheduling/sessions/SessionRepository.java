package io.therapyms.scheduling.sessions;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
 * <pre>session: pk = SESS#sessionId sk = SESS (sessionId derived from slotId + requestId: a replay writes the same item)
 *          gsi1pk = CSESS#clientId gsi1sk = startTime#sessionId · gsi2pk = TSESS#therapistId gsi2sk = startTime#sessionId</pre>
 */
@Singleton
public class SessionRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    public static String sessionIdFor(String slotId, String requestId) {
        return UUID.nameUUIDFromBytes(("session:" + slotId + ":" + requestId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Creates the session once; a second call (replay, retry) changes nothing. */
    public void createOnce(Session session) {
        Map<String, AttributeValue> item = new HashMap<>(key(session.sessionId()));
        String sort = session.startTime() + "#" + session.sessionId();
        item.put(TableSpec.GSI1_PK, s("CSESS#" + session.clientId()));
        item.put(TableSpec.GSI1_SK, s(sort));
        item.put(TableSpec.GSI2_PK, s("TSESS#" + session.therapistId()));
        item.put(TableSpec.GSI2_SK, s(sort));
        item.put("sessionId", s(session.sessionId()));
        item.put("clientId", s(session.clientId()));
        item.put("therapistId", s(session.therapistId()));
        item.put("slotId", s(session.slotId()));
        item.put("requestId", s(session.requestId()));
        item.put("startTime", s(session.startTime().toString()));
        item.put("endTime", s(session.endTime().toString()));
        item.put("status", s(session.status()));
        item.put("sharedNotes", s(""));
        item.put("privateNotes", s(""));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // idempotent: the session of this approval exists already
        }
    }

    public Optional<Session> find(String sessionId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(sessionId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSession(item));
    }

    /** Writes status and notes if the status is still {@code expectedStatus}, with SessionUpdated. */
    public boolean update(Session updated, String expectedStatus, DomainEvent event) {
        StagedEvents staged = outbox.stage(event);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(updated.sessionId()))
                    .updateExpression("SET #status = :status, sharedNotes = :shared, privateNotes = :private, "
                            + staged.setClause())
                    .conditionExpression("#status = :expected")
                    .expressionAttributeNames(merge(Map.of("#status", "status"), staged.names()))
                    .expressionAttributeValues(merge(Map.of(":status", s(updated.status()),
                            ":shared", s(nz(updated.sharedNotes())), ":private", s(nz(updated.privateNotes())),
                            ":expected", s(expectedStatus)), staged.values())));
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    public List<Session> ofClient(String clientId, Instant from, Instant to) {
        return query(TableSpec.GSI1, "gsi1pk", "gsi1sk", "CSESS#" + clientId, from, to);
    }

    public List<Session> ofTherapist(String therapistId, Instant from, Instant to) {
        return query(TableSpec.GSI2, "gsi2pk", "gsi2sk", "TSESS#" + therapistId, from, to);
    }

    private List<Session> query(String index, String pkName, String skName, String partition, Instant from, Instant to) {
        List<Session> sessions = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table()).indexName(index)
                    .keyConditionExpression(pkName + " = :pk AND " + skName + " BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", s(partition),
                            ":from", s(from == null ? "0" : from.toString()), ":to", s(to == null ? "~" : to + "~")))
                    .exclusiveStartKey(start).build());
            response.items().forEach(i -> sessions.add(toSession(i)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return sessions;
    }

    static Session toSession(Map<String, AttributeValue> item) {
        return new Session(str(item, "sessionId"), str(item, "clientId"), str(item, "therapistId"),
                str(item, "slotId"), str(item, "requestId"), Instant.parse(str(item, "startTime")),
                Instant.parse(str(item, "endTime")), str(item, "status"), str(item, "sharedNotes"),
                str(item, "privateNotes"));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, AttributeValue> key(String sessionId) {
        return Map.of(TableSpec.PK, s("SESS#" + sessionId), TableSpec.SK, s("SESS"));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
