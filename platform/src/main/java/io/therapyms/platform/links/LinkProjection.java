package io.therapyms.platform.links;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A service's projection of the client–therapist links of therapists.events, kept in the service's
 * own table.
 * <p>
 * {@code MappingApproved} is keyed by the mapping request and {@code MappingEnded} by the client, so
 * they reach a consumer in either order, and at least once. Every decision is therefore one
 * conditional write ordered by the <em>event's</em> time, never by arrival:
 * <ul>
 * <li>the later decision wins: an approval older than the stored end changes nothing, and an end
 * processed before its approval stays an end (the item remains as an {@code ENDED} marker);</li>
 * <li>the same event again (a redelivery) changes nothing;</li>
 * <li>an approval and an end with the same time: the end wins, whichever came first, so that a tie
 * never leaves a pair linked that one side ended;</li>
 * <li>a party's deletion {@link #closed closes} the pair: ended whatever the times, and no approval,
 * earlier or later, links it again (a deleted account never comes back).</li>
 * </ul>
 * The item holds {@code status} ({@code LINKED} | {@code ENDED}), {@code changedAt} (the deciding
 * event's time, {@link SortableTime#nanos fixed-width} so the condition compares instants),
 * {@code clientId}, {@code therapistId}, and whatever the service adds per write ({@link Extra}: its
 * index keys, a display time). The key layout is the service's.
 */
public final class LinkProjection {

    public static final String STATUS = "status";
    public static final String CHANGED_AT = "changedAt";
    public static final String CLIENT_ID = "clientId";
    public static final String THERAPIST_ID = "therapistId";
    /** Set on a pair that a party's deletion ended for good. */
    public static final String CLOSED = "closed";

    /**
     * Applies when no decision is stored yet, or the stored one is older. An item without
     * {@code changedAt} predates this projection and is overwritten as before.
     */
    private static final String LATER = "attribute_not_exists(#changedAt) OR #changedAt < :at";
    private static final String LATER_AND_OPEN = "(" + LATER + ") AND attribute_not_exists(#closed)";
    /** An end also wins a tie against an approval of the same time. */
    private static final String LATER_OR_TIED_APPROVAL = LATER + " OR (#changedAt = :at AND #status <> :status)";

    /** Where a pair's item lives in the service's table. */
    @FunctionalInterface
    public interface KeyLayout {
        Map<String, AttributeValue> key(String clientId, String therapistId);
    }

    /** Service-specific attributes written with a decision, in the same conditional write. */
    public record Extra(Map<String, AttributeValue> set, List<String> remove) {

        public static Extra none() {
            return new Extra(Map.of(), List.of());
        }

        public static Extra set(Map<String, AttributeValue> set) {
            return new Extra(set, List.of());
        }

        public Extra andRemove(String... names) {
            return new Extra(set, List.of(names));
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final KeyLayout layout;

    public LinkProjection(DynamoDbClient dynamo, String table, KeyLayout layout) {
        this.dynamo = dynamo;
        this.table = table;
        this.layout = layout;
    }

    /** MappingApproved at {@code at}; returns the decision in force afterwards (this one, or a later one). */
    public LinkDecision linked(String clientId, String therapistId, Instant at, Extra extra) {
        return decide(new LinkDecision(clientId, therapistId, LinkState.LINKED, at), LATER_AND_OPEN, extra);
    }

    public LinkDecision linked(String clientId, String therapistId, Instant at) {
        return linked(clientId, therapistId, at, Extra.none());
    }

    /**
     * MappingEnded (or a party's deletion) at {@code at}; returns the decision in force afterwards. The
     * caller runs the end's consequences when that is an end: a redelivery then runs them again (they
     * must be idempotent), and an end overtaken by a later approval runs none.
     */
    public LinkDecision ended(String clientId, String therapistId, Instant at, Extra extra) {
        return decide(new LinkDecision(clientId, therapistId, LinkState.ENDED, at), LATER_OR_TIED_APPROVAL, extra);
    }

    public LinkDecision ended(String clientId, String therapistId, Instant at) {
        return ended(clientId, therapistId, at, Extra.none());
    }

    /**
     * ClientDeleted / TherapistDeleted at {@code at}: ends the pair unconditionally and for good, so
     * neither an approval older than the deletion nor one processed after it links the pair again.
     * The stored {@code changedAt} stays if there is one (only the first decision sets it here).
     */
    public LinkDecision closed(String clientId, String therapistId, Instant at, Extra extra) {
        Map<String, String> names = new HashMap<>(Map.of("#status", STATUS, "#changedAt", CHANGED_AT,
                "#clientId", CLIENT_ID, "#therapistId", THERAPIST_ID, "#closed", CLOSED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", AttributeValue.fromS(LinkState.ENDED.name()),
                ":at", AttributeValue.fromS(SortableTime.nanos(at)),
                ":clientId", AttributeValue.fromS(clientId),
                ":therapistId", AttributeValue.fromS(therapistId),
                ":closed", AttributeValue.fromBool(true)));
        String update = "SET #status = :status, #changedAt = if_not_exists(#changedAt, :at), #clientId = :clientId, "
                + "#therapistId = :therapistId, #closed = :closed" + extraClauses(extra, names, values);
        dynamo.updateItem(u -> u.tableName(table).key(layout.key(clientId, therapistId))
                .updateExpression(update)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
        return new LinkDecision(clientId, therapistId, LinkState.ENDED, at);
    }

    /** The stored decision for the pair (consistent read), if any event about it arrived. */
    public Optional<LinkDecision> find(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(layout.key(clientId, therapistId))).item();
        return decision(item);
    }

    public boolean isLinked(String clientId, String therapistId) {
        return find(clientId, therapistId).map(LinkDecision::linked).orElse(false);
    }

    /**
     * The decision an item read elsewhere (a Query) holds; empty when it is no link item of this
     * projection (missing, or written before it, without {@code status}).
     */
    public static Optional<LinkDecision> decision(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(STATUS) || !item.containsKey(CHANGED_AT)) {
            return Optional.empty();
        }
        return Optional.of(new LinkDecision(text(item, CLIENT_ID), text(item, THERAPIST_ID),
                LinkState.valueOf(item.get(STATUS).s()), InstantText.parse(item.get(CHANGED_AT).s())));
    }

    private LinkDecision decide(LinkDecision decision, String condition, Extra extra) {
        Map<String, String> names = new HashMap<>(Map.of("#status", STATUS, "#changedAt", CHANGED_AT,
                "#clientId", CLIENT_ID, "#therapistId", THERAPIST_ID));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", AttributeValue.fromS(decision.state().name()),
                ":at", AttributeValue.fromS(SortableTime.nanos(decision.decidedAt())),
                ":clientId", AttributeValue.fromS(decision.clientId()),
                ":therapistId", AttributeValue.fromS(decision.therapistId())));
        if (condition.contains("#closed")) {
            names.put("#closed", CLOSED);
        }
        String update = "SET #status = :status, #changedAt = :at, #clientId = :clientId, #therapistId = :therapistId"
                + extraClauses(extra, names, values);
        try {
            dynamo.updateItem(u -> u.tableName(table).key(layout.key(decision.clientId(), decision.therapistId()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return decision;
        } catch (ConditionalCheckFailedException laterOrSameDecision) {
            // the stored decision stands; an item deleted since (a party's erasure) leaves ours as the answer
            return find(decision.clientId(), decision.therapistId()).orElse(decision);
        }
    }

    /** The extra SET and REMOVE clauses, with placeholders for every name (some are reserved words). */
    private static String extraClauses(Extra extra, Map<String, String> names, Map<String, AttributeValue> values) {
        StringBuilder clauses = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : new LinkedHashMap<>(extra.set()).entrySet()) {
            names.put("#x" + i, attribute.getKey());
            values.put(":x" + i, attribute.getValue());
            clauses.append(", #x").append(i).append(" = :x").append(i);
            i++;
        }
        for (int r = 0; r < extra.remove().size(); r++) {
            names.put("#r" + r, extra.remove().get(r));
            clauses.append(r == 0 ? " REMOVE " : ", ").append("#r").append(r);
        }
        return clauses.toString();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
