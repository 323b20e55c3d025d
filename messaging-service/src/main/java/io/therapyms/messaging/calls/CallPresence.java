package io.therapyms.messaging.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.messaging.CallEnded;
import io.therapyms.events.messaging.CallStarted;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Who is connected to a session's call, across instances, and the call's two events.
 * <pre>
 * call: pk = CALL#&lt;sessionId&gt;  sk = CALL   clientSockets, therapistSockets (string sets of socket ids),
 *       startedAt, endedAt, outbox
 * </pre>
 * A socket adds its id to its party's set when it joins and removes it when it closes (ADD / DELETE
 * are atomic, whichever instance does them). The write that first sees both sets filled sets
 * {@code startedAt} with CallStarted, conditional on it not existing; the one that, after that,
 * sees both empty sets {@code endedAt} with CallEnded likewise: each is published once per session,
 * however the joins and leaves of two instances interleave. A reconnect of one side leaves the
 * other's set filled, so it neither ends nor restarts the call.
 */
@Singleton
public class CallPresence {

    /** What a join or leave changed. */
    public record Presence(boolean otherPresent, boolean selfStillPresent) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    Clock clock = Clock.systemUTC();

    public Presence join(CallSession session, String userId, String socketId) {
        Map<String, AttributeValue> item = change(session, userId, socketId, "ADD");
        boolean other = has(item, setOf(session, session.otherParty(userId)));
        if (other && has(item, setOf(session, userId)) && !item.containsKey("startedAt")) {
            start(session);
        }
        return new Presence(other, true);
    }

    public Presence leave(CallSession session, String userId, String socketId) {
        Map<String, AttributeValue> item = change(session, userId, socketId, "DELETE");
        boolean other = has(item, setOf(session, session.otherParty(userId)));
        boolean self = has(item, setOf(session, userId));
        if (!other && !self && item.containsKey("startedAt") && !item.containsKey("endedAt")) {
            end(session, Instant.parse(item.get("startedAt").s()));
        }
        return new Presence(other, self);
    }

    private Map<String, AttributeValue> change(CallSession session, String userId, String socketId, String op) {
        return dynamo.updateItem(u -> u.tableName(table()).key(key(session.sessionId()))
                .updateExpression(op + " #sockets :socket")
                .expressionAttributeNames(Map.of("#sockets", setOf(session, userId)))
                .expressionAttributeValues(Map.of(":socket", AttributeValue.fromSs(List.of(socketId))))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
    }

    private void start(CallSession session) {
        Instant now = Instant.now(clock);
        StagedEvents staged = outbox.stage(new CallStarted(session.sessionId(), session.clientId(), session.therapistId(), now));
        write(session, "SET startedAt = :at, " + staged.setClause(),
                "attribute_not_exists(startedAt) AND attribute_exists(clientSockets) AND attribute_exists(therapistSockets)",
                now, staged);
    }

    private void end(CallSession session, Instant startedAt) {
        Instant now = Instant.now(clock);
        long seconds = Math.max(0, Duration.between(startedAt, now).toSeconds());
        StagedEvents staged = outbox.stage(new CallEnded(session.sessionId(), session.clientId(), session.therapistId(), now, seconds));
        write(session, "SET endedAt = :at, " + staged.setClause(),
                "attribute_exists(startedAt) AND attribute_not_exists(endedAt)"
                        + " AND attribute_not_exists(clientSockets) AND attribute_not_exists(therapistSockets)",
                now, staged);
    }

    private void write(CallSession session, String update, String condition, Instant at, StagedEvents staged) {
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":at", AttributeValue.fromS(at.toString()));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(session.sessionId()))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(staged.names()).expressionAttributeValues(values));
            outbox.flushSoon();
        } catch (ConditionalCheckFailedException anotherWriteDecided) {
            // Another socket's write published it first, or the presence changed meanwhile.
        }
    }

    private static String setOf(CallSession session, String userId) {
        return session.clientId().equals(userId) ? "clientSockets" : "therapistSockets";
    }

    private static boolean has(Map<String, AttributeValue> item, String set) {
        return item.containsKey(set) && item.get(set).hasSs() && !item.get(set).ss().isEmpty();
    }

    private static Map<String, AttributeValue> key(String sessionId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("CALL#" + sessionId), TableSpec.SK, AttributeValue.fromS("CALL"));
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
