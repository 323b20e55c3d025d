package io.therapyms.messaging.links;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The projection of therapists.events that answers "may these two write to each other?".
 * <pre>
 * link: pk = LINK#&lt;clientId&gt;#&lt;therapistId&gt;  sk = LINK   status LINKED | ENDED, changedAt
 * </pre>
 * Each write is conditional on {@code changedAt} being older than the event's time, so a
 * redelivered or out-of-order approval cannot revive an ended link.
 */
@Singleton
public class LinkRepository {

    static final String LINKED = "LINKED";
    static final String ENDED = "ENDED";
    private static final String NEWER = "attribute_not_exists(pk) OR changedAt < :at";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    public void link(String clientId, String therapistId, Instant at) {
        set(clientId, therapistId, LINKED, at);
    }

    public void unlink(String clientId, String therapistId, Instant at) {
        set(clientId, therapistId, ENDED, at);
    }

    private void set(String clientId, String therapistId, String status, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(clientId, therapistId))
                    .updateExpression("SET #status = :status, changedAt = :at")
                    .conditionExpression(NEWER)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status),
                            ":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException laterEventDecided) {
            // A later approval or end is already applied.
        }
    }

    /** Whether the two users are a linked client and therapist, in either order (two GetItems at most). */
    public boolean areLinked(String userA, String userB) {
        return isLinked(userA, userB) || isLinked(userB, userA);
    }

    private boolean isLinked(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(key(clientId, therapistId)).consistentRead(true)).item();
        return item != null && item.containsKey("status") && LINKED.equals(item.get("status").s());
    }

    private static Map<String, AttributeValue> key(String clientId, String therapistId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("LINK#" + clientId + "#" + therapistId),
                TableSpec.SK, AttributeValue.fromS("LINK"));
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
