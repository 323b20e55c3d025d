package io.therapyms.messaging.messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.messaging.config.SortableTime;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Messages, one partition per conversation.
 * <pre>
 * pk = CONV#&lt;lower id&gt;#&lt;higher id&gt;  sk = MSG#&lt;timestamp&gt;#&lt;messageId&gt;
 *      messageId, senderId, recipientId, content, status sent|read, timestamp, edited, deleted
 *      gsi1pk = MESSAGE#&lt;messageId&gt;  gsi1sk = MESSAGE   (lookup by id)
 * </pre>
 */
@Singleton
public class MessageRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    @Inject
    Outbox outbox;

    /** Stores a new message with its MessageSent event in the same write. */
    public Message create(String messageId, String senderId, String recipientId, String content, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, AttributeValue.fromS(conversationKey(senderId, recipientId)));
        item.put(TableSpec.SK, AttributeValue.fromS("MSG#" + SortableTime.of(at) + "#" + messageId));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS("MESSAGE#" + messageId));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS("MESSAGE"));
        item.put("messageId", AttributeValue.fromS(messageId));
        item.put("senderId", AttributeValue.fromS(senderId));
        item.put("recipientId", AttributeValue.fromS(recipientId));
        item.put("content", AttributeValue.fromS(content));
        item.put("status", AttributeValue.fromS("sent"));
        item.put("timestamp", AttributeValue.fromS(SortableTime.of(at)));
        item.put("edited", AttributeValue.fromBool(false));
        item.put("deleted", AttributeValue.fromBool(false));
        dynamo.putItem(p -> p.tableName(table())
                .item(outbox.withEvents(item, new MessageSent(messageId, senderId, recipientId)))
                .conditionExpression("attribute_not_exists(pk)"));
        outbox.flushSoon();
        return Message.from(item);
    }

    /** The message by id: Query on gsi1 for its key, then a consistent GetItem. */
    public Optional<Map<String, AttributeValue>> find(String messageId) {
        QueryResponse found = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("MESSAGE#" + messageId))));
        if (found.items().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> key = key(found.items().get(0));
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** sent → read, with MessageRead; false if it was not an unread, live message. */
    public boolean markRead(Map<String, AttributeValue> message, String readerId) {
        StagedEvents staged = outbox.stage(new MessageRead(message.get("messageId").s(), readerId));
        Map<String, String> names = new HashMap<>(staged.names());
        names.put("#status", "status");
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":read", AttributeValue.fromS("read"));
        values.put(":sent", AttributeValue.fromS("sent"));
        values.put(":false", AttributeValue.fromBool(false));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(message))
                    .updateExpression("SET #status = :read, " + staged.setClause())
                    .conditionExpression("#status = :sent AND deleted = :false")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException alreadyReadOrDeleted) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** New content, marked edited; false if the message is deleted. */
    public boolean edit(Map<String, AttributeValue> message, String content) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(message))
                    .updateExpression("SET content = :content, edited = :true")
                    .conditionExpression("deleted = :false")
                    .expressionAttributeValues(Map.of(":content", AttributeValue.fromS(content),
                            ":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException deleted) {
            return false;
        }
    }

    /**
     * Tombstones the message (content removed, deleted = true). Returns whether this call deleted an
     * unread message, so the caller counts it down exactly once.
     */
    public boolean tombstone(Map<String, AttributeValue> message) {
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(u -> u.tableName(table()).key(key(message))
                    .updateExpression("SET deleted = :true REMOVE content")
                    .conditionExpression("deleted = :false")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false)))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return "sent".equals(old.get("status").s());
        } catch (ConditionalCheckFailedException alreadyDeleted) {
            return false;
        }
    }

    /** The conversation of the two users, newest first: Query on its partition, descending. */
    public Page<Message> conversation(String userId, String otherId, PageRequest page) {
        String pk = conversationKey(userId, otherId);
        String scope = "messaging:messages:" + pk;
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        QueryResponse response = dynamo.query(q -> q.tableName(table())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :msg)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":msg", AttributeValue.fromS("MSG#")))
                .scanIndexForward(false)
                .consistentRead(true)
                .exclusiveStartKey(start)
                .limit(page.limit()));
        List<Message> items = new ArrayList<>();
        response.items().forEach(item -> items.add(Message.from(item)));
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), scope));
    }

    static String conversationKey(String a, String b) {
        return a.compareTo(b) <= 0 ? "CONV#" + a + "#" + b : "CONV#" + b + "#" + a;
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(TableSpec.PK, item.get(TableSpec.PK), TableSpec.SK, item.get(TableSpec.SK));
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
