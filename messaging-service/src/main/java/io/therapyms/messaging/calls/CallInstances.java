package io.therapyms.messaging.calls;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * This instance as the other instances see it, and they as it sees them.
 * <pre>
 * registry: pk = CALL-INSTANCES        sk = &lt;instanceId&gt;          url, lastSeen (epoch ms), reaper, reapedAt
 * index:    pk = CALL-INSTANCE#&lt;id&gt;   sk = SESSION#&lt;sessionId&gt;   at (epoch ms)
 * </pre>
 * Each instance beats its registry item every {@code messaging.calls.heartbeat-every}; its internal address
 * ({@code messaging.calls.instance-url}) is where the others POST what they relay to its sockets. The index lists
 * the sessions it holds (or held) a call socket of, written before the socket enters the session's presence, so that
 * whoever finds this instance dead ({@link CallReaper}) knows which presences to clear without a scan. A socket's id
 * begins with its instance's id ({@link #socketId()}), which says where to relay to it.
 * <p>
 * An instance that stalled so long that another reaped it (its sockets are gone from every presence) closes its
 * call sockets when its next beat finds that out, and registers again under a new id: the browsers reconnect and
 * join afresh.
 */
@Singleton
public class CallInstances {

    private static final Logger LOG = Logger.getLogger(CallInstances.class);
    static final String REGISTRY = "CALL-INSTANCES";
    static final CloseReason RESTARTING = new CloseReason(1012, "call relay restarting; reconnect");

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    OpenConnections connections;

    @Inject
    Clock clock;

    @ConfigProperty(name = "messaging.calls.instance-url")
    String url;

    @ConfigProperty(name = "messaging.calls.instance-stale-after")
    Duration staleAfter;

    private volatile String id = UUID.randomUUID().toString();
    private volatile boolean registered;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    /** A live instance's registry entry as another instance read it. */
    public record Instance(String id, String url, long lastSeen, Optional<String> reaper, long reapedAt) {
    }

    public long now() {
        return clock.millis();
    }

    public String id() {
        return id;
    }

    /** A new socket's id: this instance's id, a dot, a random part. */
    public String socketId() {
        return id + "." + UUID.randomUUID();
    }

    /** The instance that holds (or held) the socket. */
    public static String instanceOf(String socketId) {
        int dot = socketId.indexOf('.');
        return dot < 0 ? socketId : socketId.substring(0, dot);
    }

    /** Before a socket of the session enters its presence: registered, and the session in this instance's index. */
    public void holding(String sessionId) {
        if (!registered) {
            beat();
        }
        String self = id;
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(
                TableSpec.PK, AttributeValue.fromS(indexOf(self)),
                TableSpec.SK, AttributeValue.fromS("SESSION#" + sessionId),
                "at", AttributeValue.fromN(Long.toString(clock.millis())))));
    }

    /**
     * After the last of this instance's sockets of the session closed: the session leaves the index, unless a socket
     * of it joined here since {@code since} (its {@link #holding} wrote a later time).
     */
    public void released(String sessionId, long since) {
        try {
            dynamo.deleteItem(d -> d.tableName(table()).key(key(indexOf(id), "SESSION#" + sessionId))
                    .conditionExpression("#at < :since")
                    .expressionAttributeNames(Map.of("#at", "at"))
                    .expressionAttributeValues(Map.of(":since", AttributeValue.fromN(Long.toString(since)))));
        } catch (ConditionalCheckFailedException joinedAgain) {
            // a socket of the session joined here meanwhile; the entry stays
        }
    }

    /** Where to POST to the instance's sockets; empty for an instance that is gone (or never was). */
    public Optional<String> urlOf(String instanceId) {
        String known = urls.get(instanceId);
        if (known != null) {
            return Optional.of(known);
        }
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(REGISTRY, instanceId))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("url")) {
            return Optional.empty();
        }
        urls.put(instanceId, item.get("url").s());
        return Optional.of(item.get("url").s());
    }

    /** This instance's beat: registers it, or refreshes {@code lastSeen}; if it was reaped meanwhile, starts over. */
    public synchronized void beat() {
        String self = id;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":url", AttributeValue.fromS(url));
        values.put(":now", AttributeValue.fromN(Long.toString(clock.millis())));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(REGISTRY, self))
                    .updateExpression("SET #url = :url, lastSeen = :now")
                    .conditionExpression(registered ? "attribute_exists(pk) AND attribute_not_exists(reaper)"
                            : "attribute_not_exists(pk)")
                    .expressionAttributeNames(Map.of("#url", "url"))
                    .expressionAttributeValues(values));
            registered = true;
        } catch (ConditionalCheckFailedException reaped) {
            startOver(self);
        }
    }

    /** Every registered instance (a handful: one query of one partition). */
    public List<Instance> all() {
        List<Instance> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table()).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(REGISTRY)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String instanceId = item.get(TableSpec.SK).s();
                String at = item.containsKey("url") ? item.get("url").s() : null;
                if (at != null && !item.containsKey("reaper")) {
                    urls.put(instanceId, at);
                }
                found.add(new Instance(instanceId, at, number(item, "lastSeen"),
                        Optional.ofNullable(item.get("reaper")).map(AttributeValue::s), number(item, "reapedAt")));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** Whether an instance last seen at {@code lastSeen} counts as dead now. */
    public boolean stale(long lastSeen) {
        return lastSeen < clock.millis() - staleAfter.toMillis();
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** Forgets a dead instance's address (after its sockets were cleared from every presence). */
    void forget(String instanceId) {
        urls.remove(instanceId);
    }

    static String indexOf(String instanceId) {
        return "CALL-INSTANCE#" + instanceId;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(pk), TableSpec.SK, AttributeValue.fromS(sk));
    }

    String table() {
        return config.prefixed(MessagingTables.MAIN);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private void startOver(String reapedId) {
        LOG.warnf("call instance %s was declared dead by another instance (it stalled); its call sockets close and it"
                + " registers again", reapedId);
        id = UUID.randomUUID().toString();
        registered = false;
        connections.stream().filter(c -> {
            CallSignalSocket.Joined joined = c.userData().get(CallSignalSocket.JOINED);
            return joined != null && instanceOf(joined.socketId()).equals(reapedId);
        }).forEach(c -> c.close(RESTARTING).subscribe().with(ok -> { }, failure -> { }));
        beat();
    }
}
