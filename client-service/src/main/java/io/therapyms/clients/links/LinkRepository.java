package io.therapyms.clients.links;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.clients.config.ClientTables;
import io.therapyms.clients.config.NameIndexPages;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
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
 * arrive out of order: each write is conditional on {@code changedAt} being older than the
 * event's time, and an ended link stays as a marker (without index keys) so a late approval
 * cannot bring it back.
 */
@Singleton
public class LinkRepository {

    static final String LINKED = "LINKED";
    static final String ENDED = "ENDED";
    static final String THERAPIST = "THERAPIST";
    static final String DELETED = "DELETED";

    /** An event applies when the link is new or its last change is older than the event. */
    private static final String NEWER = "attribute_not_exists(pk) OR changedAt < :at";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    @Inject
    NameIndexPages nameIndex;

    /**
     * MappingApproved: links the pair unless the client or the therapist was deleted or a later
     * event already decided. {@code clientName} feeds the therapist's name-prefix search.
     */
    public void link(String clientId, String therapistId, Optional<String> clientNameKey, Instant at) {
        if (exists(clientKey(clientId), DELETED) || therapistDeleted(therapistId)) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", AttributeValue.fromS(at.toString()));
        values.put(":linked", AttributeValue.fromS(LINKED));
        values.put(":clientId", AttributeValue.fromS(clientId));
        values.put(":therapistId", AttributeValue.fromS(therapistId));
        values.put(":byTherapist", AttributeValue.fromS(linkedTo(therapistId)));
        values.put(":clientSort", AttributeValue.fromS(clientNameKey.orElse("#" + clientId)));
        values.put(":byClient", AttributeValue.fromS(linksOf(clientId)));
        values.put(":therapistSort", AttributeValue.fromS(at + "#" + therapistId));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(linkKey(clientId, therapistId))
                    .updateExpression("SET #status = :linked, linkedAt = :at, changedAt = :at, clientId = :clientId, "
                            + "therapistId = :therapistId, gsi1pk = :byTherapist, gsi1sk = :clientSort, "
                            + "gsi2pk = :byClient, gsi2sk = :therapistSort")
                    .conditionExpression(NEWER)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException laterEventDecided) {
            // An end (or a newer approval) with a later time is already applied.
        }
    }

    /** MappingEnded: ends the link, or records the end first if the approval has not arrived yet. */
    public void unlink(String clientId, String therapistId, Instant at) {
        Map<String, AttributeValue> values = Map.of(":at", AttributeValue.fromS(at.toString()),
                ":ended", AttributeValue.fromS(ENDED),
                ":clientId", AttributeValue.fromS(clientId),
                ":therapistId", AttributeValue.fromS(therapistId));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(linkKey(clientId, therapistId))
                    .updateExpression("SET #status = :ended, changedAt = :at, clientId = :clientId, therapistId = :therapistId "
                            + "REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk")
                    .conditionExpression(NEWER)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException laterEventDecided) {
            // A later approval is already applied.
        }
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

    /** TherapistDeleted: marks the therapist so late approvals are ignored, then ends each of its links. */
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
                unlink(link.get("clientId").s(), therapistId, at);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** Whether the therapist is linked to the client now (consistent read of the link). */
    public boolean isLinked(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(linkKey(clientId, therapistId)).consistentRead(true)).item();
        return item != null && item.containsKey("status") && LINKED.equals(item.get("status").s());
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
            items.add(new LinkedTherapist(therapistId, therapistName(therapistId), Instant.parse(link.get("linkedAt").s())));
        }
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), scope));
    }

    /**
     * Keeps the therapist-side search key in step with a client's name: each live link of the
     * client (Query on its partition) gets the new key, only while it is still linked.
     */
    public void renameClient(String clientId, String clientNameKey) {
        for (Map<String, AttributeValue> link : linksOfClient(clientId)) {
            if (!link.containsKey("status") || !LINKED.equals(link.get("status").s())) {
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
