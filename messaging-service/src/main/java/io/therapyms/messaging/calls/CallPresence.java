package io.therapyms.messaging.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.messaging.CallEnded;
import io.therapyms.events.messaging.CallStarted;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
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
 * A socket id begins with the id of the instance holding the socket ({@link CallInstances#socketId()}): that is where
 * a message for the party goes, and what {@link CallReaper} removes when that instance dies.
 * A socket adds its id to its party's set when it joins and removes it when it closes (ADD / DELETE
 * are atomic, whichever instance does them). The write that first sees both sets filled sets
 * {@code startedAt} with CallStarted, conditional on it not existing; the one that, after that,
 * sees both empty sets {@code endedAt} with CallEnded likewise: each is published once per session,
 * however the joins and leaves of two instances interleave. A reconnect of one side leaves the
 * other's set filled, so it neither ends nor restarts the call.
 */
@Singleton
public class CallPresence {

    /** What a join or leave changed, and which instances hold the other party's sockets now. */
    public record Presence(boolean otherPresent, boolean selfStillPresent, Set<String> otherInstances) {
    }

    /** A party whose last socket went with a dead instance: the other party is to hear peer-left. */
    public record Left(String userId, String otherParty, Set<String> otherInstances) {
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
        return new Presence(other, true, instancesIn(item, setOf(session, session.otherParty(userId))));
    }

    public Presence leave(CallSession session, String userId, String socketId) {
        Map<String, AttributeValue> item = change(session, userId, socketId, "DELETE");
        boolean other = has(item, setOf(session, session.otherParty(userId)));
        boolean self = has(item, setOf(session, userId));
        endIfEmpty(session, item);
        return new Presence(other, self, instancesIn(item, setOf(session, session.otherParty(userId))));
    }

    /** The instances holding a party's sockets now (a consistent read: a join just written counts). */
    public Set<String> instancesOf(CallSession session, String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(session.sessionId()))
                .consistentRead(true)).item();
        return item == null ? Set.of() : instancesIn(item, setOf(session, userId));
    }

    /**
     * Removes every socket id of a dead instance from the session's presence, each with a DELETE conditional on the id
     * still being there, so that of two survivors doing this only one removes each id; the parties whose last socket
     * this removed are returned (once), and CallEnded follows when nobody is left, as after a leave.
     */
    public List<Left> dropInstance(CallSession session, String instanceId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(session.sessionId()))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return List.of();
        }
        List<Left> left = new ArrayList<>();
        Map<String, AttributeValue> latest = null;
        for (String party : List.of(session.clientId(), session.therapistId())) {
            String set = setOf(session, party);
            boolean removed = false;
            for (String socketId : socketsIn(item, set)) {
                if (!CallInstances.instanceOf(socketId).equals(instanceId)) {
                    continue;
                }
                try {
                    latest = dynamo.updateItem(u -> u.tableName(table()).key(key(session.sessionId()))
                            .updateExpression("DELETE #sockets :socket")
                            .conditionExpression("contains(#sockets, :id)")
                            .expressionAttributeNames(Map.of("#sockets", set))
                            .expressionAttributeValues(Map.of(":socket", AttributeValue.fromSs(List.of(socketId)),
                                    ":id", AttributeValue.fromS(socketId)))
                            .returnValues(ReturnValue.ALL_NEW)).attributes();
                    removed = true;
                } catch (ConditionalCheckFailedException anotherSurvivorRemovedIt) {
                    // counted by whoever removed it
                }
            }
            if (removed) {
                Map<String, AttributeValue> now = latest;
                if (!has(now, set)) {
                    String other = session.otherParty(party);
                    left.add(new Left(party, other, instancesIn(now, setOf(session, other))));
                }
            }
        }
        if (latest != null) {
            endIfEmpty(session, latest);
        }
        return left;
    }

    private void endIfEmpty(CallSession session, Map<String, AttributeValue> item) {
        if (!has(item, "clientSockets") && !has(item, "therapistSockets") && item.containsKey("startedAt")
                && !item.containsKey("endedAt")) {
            end(session, InstantText.parse(item.get("startedAt").s()));
        }
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

    private static List<String> socketsIn(Map<String, AttributeValue> item, String set) {
        return item.containsKey(set) && item.get(set).hasSs() ? item.get(set).ss() : List.of();
    }

    private static Set<String> instancesIn(Map<String, AttributeValue> item, String set) {
        Set<String> found = new LinkedHashSet<>();
        socketsIn(item, set).forEach(socketId -> found.add(CallInstances.instanceOf(socketId)));
        return found;
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
