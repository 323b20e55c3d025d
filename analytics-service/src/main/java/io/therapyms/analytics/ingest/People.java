package io.therapyms.analytics.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.config.Update;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Who the figures are about: client names (for the client rows only), erased clients, the therapists of the
 * practice and the time of the newest event applied per therapist.
 * <pre>client name:   pk = CLIENT#clientId  sk = NAME   name, nameVersion, accountName
 * erased client: pk = ERASED#clientId  sk = E      token, erasedAt
 * therapist:     pk = THER#therapistId sk = P      name, timezone, nameVersion · gsi1pk = THERS gsi1sk = therapistId
 * as of:         pk = ASOF#userId | ASOF#ALL  sk = A  asOf</pre>
 * An erased client's facts keep their counts under a random token instead of the client's id; the marker keeps
 * the token so that a fact delivered after the erasure (a replay, a late partition) lands under the same token.
 */
@Singleton
public class People {

    public static final String ALL = "ALL";

    /** A client id as the read models store it: the id itself, or the erasure token once erased. */
    public record Client(String realId, String id, boolean erased) {
    }

    /** How many users' "as of" and registered therapists this instance remembers (each map cleared when full). */
    static final int REMEMBERED = 50_000;

    @Inject
    Store store;

    /**
     * A lower bound of the "as of" the store holds per user, as this instance last wrote or was refused it. It only
     * saves writes the store's condition would refuse (a bulk load's events reach here many per user and partly out
     * of time order); the stored "as of" only moves forward, and an erasure removes the user's entry with the item.
     */
    private final Map<String, String> asOfStored = new ConcurrentHashMap<>();
    private final Set<String> registeredTherapists = ConcurrentHashMap.newKeySet();

    private static void remember(Set<String> set, String id) {
        if (set.size() >= REMEMBERED) {
            set.clear();
        }
        set.add(id);
    }

    public Client client(String clientId) {
        return store.get("ERASED#" + clientId, "E")
                .map(marker -> new Client(clientId, marker.get("token").s(), true))
                .orElseGet(() -> new Client(clientId, clientId, false));
    }

    /** Several clients at once (an event's two parties): one consistent BatchGetItem of their erasure markers. */
    public Map<String, Client> clients(Collection<String> clientIds) {
        Map<String, String> tokens = erasureTokens(clientIds);
        Map<String, Client> clients = new LinkedHashMap<>();
        for (String clientId : clientIds) {
            String token = tokens.get(clientId);
            clients.put(clientId, token == null ? new Client(clientId, clientId, false) : new Client(clientId, token, true));
        }
        return clients;
    }

    /** Which of these clients are erased, with their tokens: one consistent BatchGetItem of the markers. */
    public Map<String, String> erasureTokens(Collection<String> clientIds) {
        Map<String, String> tokens = new HashMap<>();
        if (clientIds.isEmpty()) {
            return tokens;
        }
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(clientIds).stream()
                .map(clientId -> Store.key("ERASED#" + clientId, "E")).toList();
        for (Map<String, AttributeValue> marker : store.getAll(keys)) {
            tokens.put(marker.get(TableSpec.PK).s().substring("ERASED#".length()), marker.get("token").s());
        }
        return tokens;
    }

    public boolean erased(String clientId) {
        return store.get("ERASED#" + clientId, "E").isPresent();
    }

    /** Marks the client erased (once: a repeat keeps the first token) and returns the token. */
    public String markErased(String clientId, Instant at) {
        String token = UUID.randomUUID().toString();
        try {
            store.dynamo().putItem(p -> p.tableName(store.table())
                    .item(Map.of(TableSpec.PK, AttributeValue.fromS("ERASED#" + clientId),
                            TableSpec.SK, AttributeValue.fromS("E"), "token", AttributeValue.fromS(token),
                            "erasedAt", AttributeValue.fromS(TimeKeys.key(at))))
                    .conditionExpression("attribute_not_exists(pk)"));
            return token;
        } catch (ConditionalCheckFailedException alreadyErased) {
            return client(clientId).id();
        }
    }

    public void clientName(String clientId, String name, String version) {
        store.updateIf("CLIENT#" + clientId, "NAME", Update.of().set("name", name).ifNewer("nameVersion", version));
    }

    /** The account's name, shown until the client's profile names them. */
    public void accountName(String clientId, String name) {
        store.update("CLIENT#" + clientId, "NAME", Update.of().set("accountName", name));
    }

    public Optional<String> clientName(String clientId) {
        return store.get("CLIENT#" + clientId, "NAME").map(item -> item.containsKey("name")
                ? item.get("name").s() : item.containsKey("accountName") ? item.get("accountName").s() : null);
    }

    public void forgetClient(String clientId) {
        store.dynamo().deleteItem(d -> d.tableName(store.table()).key(Store.key("CLIENT#" + clientId, "NAME")));
        store.dynamo().deleteItem(d -> d.tableName(store.table()).key(Store.key("ASOF#" + clientId, "A")));
        asOfStored.remove(clientId);
    }

    /** Registers a therapist of the practice (idempotent), so the practice view can list them without a Scan. */
    public void therapist(String therapistId) {
        // Once registered, a therapist stays (a deletion keeps the item for the figures): repeating the write for
        // every one of their events would change nothing.
        if (registeredTherapists.contains(therapistId)) {
            return;
        }
        store.update("THER#" + therapistId, "P",
                Update.of().set(TableSpec.GSI1_PK, "THERS").set(TableSpec.GSI1_SK, therapistId));
        remember(registeredTherapists, therapistId);
    }

    /**
     * The therapist's profile as of its newest event (name and time zone; a deletion removes the name only: the
     * figures stay, and the zone keeps bucketing them).
     */
    public void therapistProfile(String therapistId, String name, String timezone, boolean deleted, String version) {
        therapist(therapistId);
        Update update = Update.of().ifNewer("nameVersion", version);
        if (name == null) {
            update.remove("name");
        } else {
            update.set("name", name);
        }
        if (!deleted) {
            if (timezone == null) {
                update.remove("timezone");
            } else {
                update.set("timezone", timezone);
            }
        }
        store.updateIf("THER#" + therapistId, "P", update);
    }

    /** The time zone the therapist's profile names, if any (one GetItem). */
    public Optional<String> therapistZone(String therapistId) {
        return store.get("THER#" + therapistId, "P").filter(item -> item.containsKey("timezone"))
                .map(item -> item.get("timezone").s());
    }

    /**
     * Moves the "as of" of each user the event is about, and the practice's once, forward to the event's time, never
     * back.
     */
    public void applied(Collection<String> userIds, Instant eventTime) {
        Set<String> ids = new LinkedHashSet<>(userIds);
        ids.add(ALL);
        String asOf = TimeKeys.key(eventTime);
        for (String id : ids) {
            String known = asOfStored.get(id);
            if (known != null && known.compareTo(asOf) >= 0) {
                continue; // the store holds this time or a later one already: the conditional write would be refused
            }
            store.updateIf("ASOF#" + id, "A", Update.of().set("asOf", asOf)
                    .when("attribute_not_exists(#asOf) OR #asOf < :asOf", Map.of(), "asOf"));
            // Written, or refused because the stored time is this one or later: either way the store holds >= asOf.
            if (asOfStored.size() >= REMEMBERED && !asOfStored.containsKey(id)) {
                asOfStored.clear();
            }
            asOfStored.merge(id, asOf, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
    }

    public Optional<Instant> asOf(String userId) {
        return store.get("ASOF#" + userId, "A").map(item -> TimeKeys.parse(item.get("asOf").s()));
    }
}
