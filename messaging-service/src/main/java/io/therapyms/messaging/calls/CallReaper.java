package io.therapyms.messaging.calls;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * An instance that died with calls open (kill -9, a crash: no socket closed, no leave written) leaves its sockets in
 * the presences. Every instance, at every beat, looks for registered instances not seen for
 * {@code messaging.calls.instance-stale-after}; one claims each (a conditional write, so one survivor does the
 * work) and removes the dead instance's socket ids from the presence of every session in its index, one conditional
 * DELETE per socket id, exactly as a leave does. The other party hears {@code peer-left}, and the write that leaves
 * both sets empty publishes CallEnded under the same condition as a normal leave, so it stays once. A claim older
 * than twice the staleness (the claimer died too) may be taken again; every step is idempotent.
 */
@Singleton
public class CallReaper {

    private static final Logger LOG = Logger.getLogger(CallReaper.class);

    @Inject
    CallInstances instances;

    @Inject
    CallPresence presence;

    @Inject
    SessionRepository sessions;

    @Inject
    SignalRelay relay;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Clock clock;

    @Scheduled(every = "${messaging.calls.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beatAndReap() {
        try {
            instances.beat();
            reapStale();
        } catch (RuntimeException e) {
            LOG.warnf("call instance beat failed, will retry: %s", e.getClass().getSimpleName());
        }
    }

    /** Clears the presences of every instance found dead; returns how many it reaped. */
    public int reapStale() {
        int reaped = 0;
        for (CallInstances.Instance other : instances.all()) {
            if (other.id().equals(instances.id()) || !instances.stale(other.lastSeen())) {
                continue;
            }
            boolean reclaimable = other.reaper().isEmpty()
                    || other.reapedAt() < clock.millis() - 2 * instances.staleAfter().toMillis();
            if (reclaimable && claim(other)) {
                reap(other.id());
                reaped++;
            }
        }
        return reaped;
    }

    private boolean claim(CallInstances.Instance dead) {
        long now = clock.millis();
        try {
            dynamo.updateItem(u -> u.tableName(instances.table()).key(CallInstances.key(CallInstances.REGISTRY, dead.id()))
                    .updateExpression("SET reaper = :me, reapedAt = :now")
                    .conditionExpression("lastSeen = :seen AND (attribute_not_exists(reaper) OR reapedAt < :reclaim)")
                    .expressionAttributeValues(Map.of(
                            ":me", AttributeValue.fromS(instances.id()),
                            ":now", AttributeValue.fromN(Long.toString(now)),
                            ":seen", AttributeValue.fromN(Long.toString(dead.lastSeen())),
                            ":reclaim", AttributeValue.fromN(Long.toString(now - 2 * instances.staleAfter().toMillis())))));
            return true;
        } catch (ConditionalCheckFailedException takenOrAlive) {
            return false;
        }
    }

    private void reap(String deadId) {
        List<String> held = sessionsOf(deadId);
        LOG.infof("call instance %s not seen for %d s: clearing its sockets from %d call(s)", deadId,
                instances.staleAfter().toSeconds(), held.size());
        for (String sessionId : held) {
            Optional<CallSession> session = sessions.find(sessionId);
            if (session.isPresent()) {
                for (CallPresence.Left left : presence.dropInstance(session.get(), deadId)) {
                    relay.tell(sessionId, left.otherParty(), CallSignalSocket.peerMessage("peer-left", session.get(),
                            left.userId()), left.otherInstances());
                }
            }
            dynamo.deleteItem(d -> d.tableName(instances.table())
                    .key(CallInstances.key(CallInstances.indexOf(deadId), "SESSION#" + sessionId)));
        }
        try {
            dynamo.deleteItem(d -> d.tableName(instances.table()).key(CallInstances.key(CallInstances.REGISTRY, deadId))
                    .conditionExpression("reaper = :me")
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(instances.id()))));
        } catch (ConditionalCheckFailedException reclaimed) {
            // another instance took the claim over; it deletes the entry
        }
        instances.forget(deadId);
    }

    private List<String> sessionsOf(String instanceId) {
        List<String> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(instances.table()).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CallInstances.indexOf(instanceId))))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> found.add(item.get(TableSpec.SK).s().substring("SESSION#".length())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }
}
