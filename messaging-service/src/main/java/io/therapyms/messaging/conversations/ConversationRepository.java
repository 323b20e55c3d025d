package io.therapyms.messaging.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.messaging.config.SortableTime;
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
 * pk = USER#&lt;userId&gt;  sk = CONV#&lt;otherId&gt;  withUserId, lastMessageAt, unreadCount (ADD counter), withUserDeleted
 *                                          gsi2pk = CONVS#&lt;userId&gt;  gsi2sk = &lt;lastMessageAt&gt;#&lt;otherId&gt;
 * </pre>
 */
@Singleton
public class ConversationRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    /** A message was exchanged: moves the conversation to the top and, for the recipient, counts it unread. */
    public void touch(String userId, String otherId, Instant at, boolean unread) {
        String update = "SET withUserId = :other, gsi2pk = :convs, "
                + "lastMessageAt = if_not_exists(lastMessageAt, :at) "
                + (unread ? "ADD unreadCount :one" : "ADD unreadCount :zero");
        dynamo.updateItem(u -> u.tableName(table()).key(key(userId, otherId))
                .updateExpression(update)
                .expressionAttributeValues(Map.of(":other", AttributeValue.fromS(otherId),
                        ":convs", AttributeValue.fromS("CONVS#" + userId),
                        ":at", AttributeValue.fromS(SortableTime.of(at)),
                        unread ? ":one" : ":zero", AttributeValue.fromN(unread ? "1" : "0"))));
        // Only a newer message moves the conversation: a conditional second write keeps the latest time.
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(userId, otherId))
                    .updateExpression("SET lastMessageAt = :at, gsi2sk = :sort")
                    .conditionExpression("attribute_not_exists(gsi2sk) OR lastMessageAt <= :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(SortableTime.of(at)),
                            ":sort", AttributeValue.fromS(SortableTime.of(at) + "#" + otherId))));
        } catch (ConditionalCheckFailedException newerMessage) {
            // A later message already moved the conversation.
        }
    }

    /** One unread message became read or was deleted: decrements, never below zero. */
    public void decrementUnread(String userId, String otherId) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(userId, otherId))
                    .updateExpression("ADD unreadCount :minus")
                    .conditionExpression("unreadCount > :zero")
                    .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"),
                            ":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException alreadyZero) {
            // Nothing unread left to count down.
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
            items.add(new Conversation(item.get("withUserId").s(), Instant.parse(item.get("lastMessageAt").s()),
                    item.containsKey("unreadCount") ? Long.parseLong(item.get("unreadCount").n()) : 0,
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
