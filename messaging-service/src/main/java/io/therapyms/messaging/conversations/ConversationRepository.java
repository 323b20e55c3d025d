package io.therapyms.messaging.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * Per-user conversation items.
 * <pre>
 * pk = USER#&lt;userId&gt;  sk = CONV#&lt;otherId&gt;  withUserId, lastMessageAt, unreadMessageIds (string set), withUserDeleted
 *                                          gsi2pk = CONVS#&lt;userId&gt;  gsi2sk = &lt;lastMessageAt&gt;#&lt;otherId&gt;
 * </pre>
 * The unread count is the size of {@code unreadMessageIds}: adding or removing a message id is
 * idempotent, so a projection applied twice, or after a crash, never counts a message twice.
 * Written only by the messages feature's {@code ConversationProjection}.
 */
@Singleton
public class ConversationRepository {

    static final String UNREAD_IDS = "unreadMessageIds";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    /**
     * A message of this conversation exists: creates the item if needed and moves it to the top if
     * the message is the newest so far. One conditional write; idempotent, and an older message
     * projected late changes nothing.
     */
    public void touch(String userId, String otherId, Instant at) {
        String time = SortableTime.millis(at);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(userId, otherId))
                    .updateExpression("SET withUserId = :other, gsi2pk = :convs, lastMessageAt = :at, gsi2sk = :sort")
                    .conditionExpression("attribute_not_exists(lastMessageAt) OR lastMessageAt <= :at")
                    .expressionAttributeValues(Map.of(":other", AttributeValue.fromS(otherId),
                            ":convs", AttributeValue.fromS("CONVS#" + userId),
                            ":at", AttributeValue.fromS(time),
                            ":sort", AttributeValue.fromS(time + "#" + otherId))));
        } catch (ConditionalCheckFailedException newerMessage) {
            // A later message already created and moved the conversation.
        }
    }

    /**
     * Counts the message as unread for {@code userId}. The count is the size of a set of message ids,
     * so applying this twice counts once.
     */
    public void countUnread(String userId, String otherId, String messageId) {
        dynamo.updateItem(u -> u.tableName(table()).key(key(userId, otherId))
                .updateExpression("ADD " + UNREAD_IDS + " :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(messageId)))));
    }

    /** The message is no longer unread (read or deleted); idempotent, and never creates an item. */
    public void uncountUnread(String userId, String otherId, String messageId) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(userId, otherId))
                    .updateExpression("DELETE " + UNREAD_IDS + " :id")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(messageId)))));
        } catch (ConditionalCheckFailedException noConversation) {
            // Nothing was counted.
        }
    }

    /** The other party erased their account: their conversations keep the messages, shown as from a deleted user. */
    public void markOtherDeleted(String userId, String deletedId) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(userId, deletedId))
                    .updateExpression("SET withUserDeleted = :true")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException noConversation) {
            // Nothing to mark.
        }
    }

    /** The ids of everyone the user has a conversation with (Query on the user's partition). */
    public List<String> partnersOf(String userId) {
        List<String> partners = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table())
                    .keyConditionExpression("pk = :user AND begins_with(sk, :conv)")
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS("USER#" + userId),
                            ":conv", AttributeValue.fromS("CONV#")))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> partners.add(item.get("withUserId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return partners;
    }

    /** The user's conversations, most recent first: Query on gsi2, descending. */
    public Page<Conversation> of(String userId, PageRequest page) {
        String scope = "messaging:conversations:" + userId;
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        QueryResponse response = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI2)
                .keyConditionExpression("gsi2pk = :convs")
                .expressionAttributeValues(Map.of(":convs", AttributeValue.fromS("CONVS#" + userId)))
                .scanIndexForward(false)
                .exclusiveStartKey(start)
                .limit(page.limit()));
        List<Conversation> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            items.add(new Conversation(item.get("withUserId").s(), InstantText.parse(item.get("lastMessageAt").s()),
                    item.containsKey(UNREAD_IDS) ? item.get(UNREAD_IDS).ss().size() : 0,
                    item.containsKey("withUserDeleted") && Boolean.TRUE.equals(item.get("withUserDeleted").bool())));
        }
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), scope));
    }

    private static Map<String, AttributeValue> key(String userId, String otherId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("USER#" + userId), TableSpec.SK, AttributeValue.fromS("CONV#" + otherId));
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
