package io.therapyms.messaging.notifications;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
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
 * Notifications.
 * <pre>
 * pk = NOTIF#&lt;notificationId&gt;  sk = NOTIF   ownerId, type, subjectId, actorId, createdAt, read
 *      gsi1pk = NOTIFS#&lt;ownerId&gt;  gsi1sk = &lt;createdAt&gt;#&lt;notificationId&gt;   (all, newest first)
 *      gsi2pk = UNREAD#&lt;ownerId&gt;  gsi2sk = &lt;createdAt&gt;#&lt;notificationId&gt;   (sparse: removed once read)
 * </pre>
 */
@Singleton
public class NotificationRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    /** Stores the notification unless it exists (deterministic id); true only for the first store. */
    public boolean insert(Notification n) {
        String sort = SortableTime.millis(n.createdAt()) + "#" + n.notificationId();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, AttributeValue.fromS("NOTIF#" + n.notificationId()));
        item.put(TableSpec.SK, AttributeValue.fromS("NOTIF"));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS("NOTIFS#" + n.ownerId()));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS(sort));
        item.put(TableSpec.GSI2_PK, AttributeValue.fromS("UNREAD#" + n.ownerId()));
        item.put(TableSpec.GSI2_SK, AttributeValue.fromS(sort));
        item.put("notificationId", AttributeValue.fromS(n.notificationId()));
        item.put("ownerId", AttributeValue.fromS(n.ownerId()));
        item.put("type", AttributeValue.fromS(n.type()));
        item.put("subjectId", AttributeValue.fromS(n.subjectId()));
        if (n.actorId() != null) {
            item.put("actorId", AttributeValue.fromS(n.actorId()));
        }
        item.put("createdAt", AttributeValue.fromS(n.createdAt().toString()));
        item.put("read", AttributeValue.fromBool(false));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyRaised) {
            return false;
        }
    }

    public Optional<Notification> find(String notificationId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(notificationId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toNotification(item));
    }

    /** Marks read and drops it from the unread index; idempotent. */
    public void markRead(String notificationId) {
        dynamo.updateItem(u -> u.tableName(table()).key(key(notificationId))
                .updateExpression("SET #read = :true REMOVE gsi2pk, gsi2sk")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#read", "read"))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
    }

    /** Every unread notification of the owner: Query the sparse unread index page by page. */
    public void markAllRead(String ownerId) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI2)
                    .keyConditionExpression("gsi2pk = :unread")
                    .expressionAttributeValues(Map.of(":unread", AttributeValue.fromS("UNREAD#" + ownerId)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> markRead(item.get("notificationId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** The owner's notifications, newest first: Query on gsi1, or on the sparse unread gsi2. */
    public Page<Notification> of(String ownerId, boolean unreadOnly, PageRequest page) {
        String scope = "messaging:notifications:" + ownerId + ":" + unreadOnly;
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        String index = unreadOnly ? TableSpec.GSI2 : TableSpec.GSI1;
        String pkName = unreadOnly ? TableSpec.GSI2_PK : TableSpec.GSI1_PK;
        String pk = (unreadOnly ? "UNREAD#" : "NOTIFS#") + ownerId;
        QueryResponse response = dynamo.query(q -> q.tableName(table()).indexName(index)
                .keyConditionExpression(pkName + " = :owner")
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(pk)))
                .scanIndexForward(false)
                .exclusiveStartKey(start)
                .limit(page.limit()));
        List<Notification> items = new ArrayList<>();
        response.items().forEach(item -> items.add(toNotification(item)));
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), scope));
    }

    private static Map<String, AttributeValue> key(String notificationId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("NOTIF#" + notificationId), TableSpec.SK, AttributeValue.fromS("NOTIF"));
    }

    private static Notification toNotification(Map<String, AttributeValue> item) {
        return new Notification(item.get("notificationId").s(), item.get("type").s(), item.get("subjectId").s(),
                item.containsKey("actorId") ? item.get("actorId").s() : null, InstantText.parse(item.get("createdAt").s()),
                item.containsKey("read") && Boolean.TRUE.equals(item.get("read").bool()), item.get("ownerId").s());
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
