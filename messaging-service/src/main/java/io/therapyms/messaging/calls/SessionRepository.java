package io.therapyms.messaging.calls;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The projection of scheduling.events that the calls need: a session's parties, times and status.
 * <pre>
 * session: pk = SESSION#&lt;sessionId&gt;  sk = SESSION   clientId, therapistId, startTime, endTime, status, changedAt
 * </pre>
 * Parties and times never change once a session exists, so they are written by every event that
 * carries them; the status only by an event newer than the one that set it ({@code changedAt}, a
 * fixed-width time), so a redelivered or late AppointmentApproved cannot revive a cancelled session.
 */
@Singleton
public class SessionRepository {

    private static final String NEWER = "attribute_not_exists(changedAt) OR changedAt < :at";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    /** AppointmentApproved: the session exists, scheduled, with its times. */
    public void approved(String sessionId, String clientId, String therapistId, Instant start, Instant end, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":c", AttributeValue.fromS(clientId), ":t", AttributeValue.fromS(therapistId),
                ":s", AttributeValue.fromS(start.toString()), ":e", AttributeValue.fromS(end.toString())));
        String facts = "clientId = :c, therapistId = :t, startTime = :s, endTime = :e";
        if (!setStatus(sessionId, "scheduled", at, facts, values)) {
            dynamo.updateItem(u -> u.tableName(table()).key(key(sessionId))
                    .updateExpression("SET " + facts).expressionAttributeValues(values));
        }
    }

    /** SessionUpdated: the session's current status. */
    public void updated(String sessionId, String clientId, String therapistId, String status, Instant at) {
        setStatus(sessionId, status, at, "clientId = :c, therapistId = :t",
                new HashMap<>(Map.of(":c", AttributeValue.fromS(clientId), ":t", AttributeValue.fromS(therapistId))));
    }

    private boolean setStatus(String sessionId, String status, Instant at, String facts,
            Map<String, AttributeValue> factValues) {
        Map<String, AttributeValue> values = new HashMap<>(factValues);
        values.put(":status", AttributeValue.fromS(status));
        values.put(":at", AttributeValue.fromS(SortableTime.millis(at)));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(sessionId))
                    .updateExpression("SET #status = :status, changedAt = :at, " + facts)
                    .conditionExpression(NEWER)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException laterEventDecided) {
            return false;
        }
    }

    /** The session, once its times are known (an update seen before its approval is not a session yet). */
    public Optional<CallSession> find(String sessionId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(sessionId))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("startTime") || !item.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(new CallSession(sessionId, item.get("clientId").s(), item.get("therapistId").s(),
                InstantText.parse(item.get("startTime").s()), InstantText.parse(item.get("endTime").s()),
                item.get("status").s()));
    }

    private static Map<String, AttributeValue> key(String sessionId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("SESSION#" + sessionId), TableSpec.SK, AttributeValue.fromS("SESSION"));
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
