package io.therapyms.clients.links;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.clients.config.ClientTables;
import io.therapyms.clients.config.NameIndexPages;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.links.LinkDecision;
import io.therapyms.platform.links.LinkProjection;
import io.therapyms.platform.links.LinkProjection.Extra;
import io.therapyms.platform.links.LinkState;
import io.therapyms.platform.time.InstantText;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The projection of therapists.events that answers "is this therapist linked to this client?".
 * <pre>
 * link:       pk = CLIENT#&lt;clientId&gt;    sk = THERAPIST#&lt;therapistId&gt;   status LINKED | ENDED, linkedAt, changedAt
 *             while LINKED: gsi1pk = LINKED_TO#&lt;therapistId&gt;  gsi1sk = &lt;client name lower-cased&gt;#&lt;clientId&gt;
 *                           gsi2pk = LINKS_OF#&lt;clientId&gt;     gsi2sk = &lt;linkedAt&gt;#&lt;therapistId&gt;
 * therapist:  pk = THERAPIST#&lt;therapistId&gt; sk = THERAPIST   name, nameAt, deleted
 * deleted:    pk = CLIENT#&lt;clientId&gt;    sk = DELETED
 * </pre>
 * MappingApproved is keyed by the mapping request and MappingEnded by the client, so the two can
 * arrive out of order: platform's {@link LinkProjection} keeps the link (the later decision by event
 * time wins, an end wins a tie), and an ended link stays as a marker (without index keys) so a late
 * approval cannot bring it back.
 */
@Singleton
public class LinkRepository {

    static final String LINKED = LinkState.LINKED.name();
    static final String THERAPIST = "THERAPIST";
    static final String DELETED = "DELETED";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    @Inject
    NameIndexPages nameIndex;

    private LinkProjection projection;

    @PostConstruct
    void init() {
        projection = new LinkProjection(dynamo, table(), LinkRepository::linkKey);
    }

    /**
     * MappingApproved: links the pair unless the client or the therapist was deleted or a later
     * event already decided. {@code clientName} feeds the therapist's name-prefix search.
     */
    public void link(String clientId, String therapistId, Optional<String> clientNameKey, Instant at) {
        if (exists(clientKey(clientId), DELETED) || therapistDeleted(therapistId)) {
            return;
        }
        projection.linked(clientId, therapistId, at, Extra.set(Map.of(
                "linkedAt", AttributeValue.fromS(at.toString()),
                TableSpec.GSI1_PK, AttributeValue.fromS(linkedTo(therapistId)),
                TableSpec.GSI1_SK, AttributeValue.fromS(clientNameKey.orElse("#" + clientId)),
                TableSpec.GSI2_PK, AttributeValue.fromS(linksOf(clientId)),
                TableSpec.GSI2_SK, AttributeValue.fromS(at + "#" + therapistId))));
    }

    /** MappingEnded: ends the link, or records the end first if the approval has not arrived yet. */
    public void unlink(String clientId, String therapistId, Instant at) {
        projection.ended(clientId, therapistId, at, withoutIndexKeys());
    }

    private static Extra withoutIndexKeys() {
        return Extra.none().andRemove(TableSpec.GSI1_PK, TableSpec.GSI1_SK, TableSpec.GSI2_PK, TableSpec.GSI2_SK);
    }

    /** TherapistProfileCreated/Updated: the name shown in the client's list of therapists. */
    public void nameTherapist(String therapistId, String name, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(therapistKey(therapistId))
                    .updateExpression("SET #name = :name, nameAt = :at")
                    .conditionExpression("attribute_not_exists(nameAt) OR nameAt < :at")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(":name", AttributeValue.fromS(name), ":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException olderName) {
            // A later name is already stored.
        }
    }

    /** TherapistDeleted: marks the therapist so late approvals are ignored, then ends each of its links for good. */
    public void therapistDeleted(String therapistId, Instant at) {
        dynamo.updateItem(u -> u.tableName(table()).key(therapistKey(therapistId))
                .updateExpression("SET deleted = :true")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI1)
                    .keyConditionExpression("gsi1pk = :byTherapist")
                    .expressionAttributeValues(Map.of(":byTherapist", AttributeValue.fromS(linkedTo(therapistId))))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> link : page.items()) {
                // for good, whatever the times of its approvals: ordered by time the deletion could lose to them
                projection.closed(link.get("clientId").s(), therapistId, at, withoutIndexKeys());
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** Whether the therapist is linked to the client now (consistent read of the link). */
    public boolean isLinked(String clientId, String therapistId) {
        return projection.isLinked(clientId, therapistId);
    }

    /** The ids of a therapist's linked clients, by name, optionally by name prefix: Query on gsi1. */
    public Page<String> clientsOf(String therapistId, String namePrefix, PageRequest page) {
        Page<Map<String, AttributeValue>> found = nameIndex.page(linkedTo(therapistId), namePrefix, page,
                "clients:linked:" + therapistId);
        return found.map(link -> link.get("clientId").s());
    }

    /** A client's linked therapists, oldest link first: Query on gsi2, then the projected names. */
    public Page<LinkedTherapist> therapistsOf(String clientId, PageRequest page) {
        String scope = "clients:therapists:" + clientId;
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        QueryResponse response = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI2)
                .keyConditionExpression("gsi2pk = :byClient")
                .expressionAttributeValues(Map.of(":byClient", AttributeValue.fromS(linksOf(clientId))))
                .exclusiveStartKey(start)
                .limit(page.limit()));
        List<LinkedTherapist> items = new ArrayList<>();
        for (Map<String, AttributeValue> link : response.items()) {
            String therapistId = link.get("therapistId").s();
            items.add(new LinkedTherapist(therapistId, therapistName(therapistId), InstantText.parse(link.get("linkedAt").s())));
        }
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), scope));
    }

    /**
     * Keeps the therapist-side search key in step with a client's name: each live link of the
     * client (Query on its partition) gets the new key, only while it is still linked.
     */
    public void renameClient(String clientId, String clientNameKey) {
        for (Map<String, AttributeValue> link : linksOfClient(clientId)) {
            if (!LinkProjection.decision(link).map(LinkDecision::linked).orElse(false)) {
                continue;
            }
            try {
                dynamo.updateItem(u -> u.tableName(table()).key(Map.of(TableSpec.PK, link.get(TableSpec.PK), TableSpec.SK, link.get(TableSpec.SK)))
                        .updateExpression("SET gsi1sk = :clientSort")
                        .conditionExpression("#status = :linked")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":clientSort", AttributeValue.fromS(clientNameKey),
                                ":linked", AttributeValue.fromS(LINKED))));
            } catch (ConditionalCheckFailedException endedMeanwhile) {
                // Nothing to keep in step any more.
            }
        }
    }

    /** After ClientDeleted: a marker that keeps late approvals out, then every link of the client goes. */
    public void deleteClient(String clientId) {
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, AttributeValue.fromS(clientKey(clientId)),
                TableSpec.SK, AttributeValue.fromS(DELETED))));
        for (Map<String, AttributeValue> link : linksOfClient(clientId)) {
            dynamo.deleteItem(d -> d.tableName(table()).key(Map.of(TableSpec.PK, link.get(TableSpec.PK), TableSpec.SK, link.get(TableSpec.SK))));
        }
    }

    private List<Map<String, AttributeValue>> linksOfClient(String clientId) {
        List<Map<String, AttributeValue>> links = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table())
                    .keyConditionExpression("pk = :client AND begins_with(sk, :therapist)")
                    .expressionAttributeValues(Map.of(":client", AttributeValue.fromS(clientKey(clientId)),
                            ":therapist", AttributeValue.fromS(THERAPIST + "#")))
                    .consistentRead(true)
                    .exclusiveStartKey(from));
            links.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return links;
    }

    private String therapistName(String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(therapistKey(therapistId))).item();
        return item == null || !item.containsKey("name") ? null : item.get("name").s();
    }

    private boolean therapistDeleted(String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(therapistKey(therapistId))
                .consistentRead(true)).item();
        return item != null && item.containsKey("deleted") && Boolean.TRUE.equals(item.get("deleted").bool());
    }

    private boolean exists(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(Map.of(TableSpec.PK, AttributeValue.fromS(pk), TableSpec.SK, AttributeValue.fromS(sk)))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    private static Map<String, AttributeValue> linkKey(String clientId, String therapistId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(clientKey(clientId)),
                TableSpec.SK, AttributeValue.fromS(THERAPIST + "#" + therapistId));
    }

    private static Map<String, AttributeValue> therapistKey(String therapistId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(THERAPIST + "#" + therapistId), TableSpec.SK, AttributeValue.fromS(THERAPIST));
    }

    private static String clientKey(String clientId) {
        return "CLIENT#" + clientId;
    }

    private static String linkedTo(String therapistId) {
        return "LINKED_TO#" + therapistId;
    }

    private static String linksOf(String clientId) {
        return "LINKS_OF#" + clientId;
    }

    private String table() {
        return config.prefixed(ClientTables.MAIN);
    }
}
