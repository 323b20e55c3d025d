package io.therapyms.messaging.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
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
 *      messageId, senderId, recipientId, content, status sent|read, timestamp, edited, deleted, version
 *      gsi1pk = MESSAGE#&lt;messageId&gt;  gsi1sk = MESSAGE   (lookup by id)
 *      gsi2pk = PROJECTION-DUE#s&lt;0..3&gt;  gsi2sk = &lt;changedAt&gt;#&lt;messageId&gt;   (sparse: conversation items not yet updated)
 * </pre>
 * Every write that changes whether the message is unread (send, read, delete) bumps {@code version}
 * and sets the projection-due entry in the same single-item write; {@link ConversationProjection}
 * clears it once the conversation items reflect that version.
 */
@Singleton
public class MessageRepository {

    @Inject
    Clock clock;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    @Inject
    Outbox outbox;

    static final String VERSION = "version";
    private static final String DUE_PREFIX = "PROJECTION-DUE#s";
    /** Spreads the due entries over a few index partitions, as the outbox does, so none gets hot. */
    private static final int DUE_SHARDS = 4;
    private static final int SWEEP_PAGE = 100;

    /** Stores a new message with its MessageSent event and its projection-due entry, in one write; returns it as stored. */
    public StoredMessage create(String messageId, String senderId, String recipientId, String content, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, AttributeValue.fromS(conversationKey(senderId, recipientId)));
        item.put(TableSpec.SK, AttributeValue.fromS("MSG#" + SortableTime.millis(at) + "#" + messageId));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS("MESSAGE#" + messageId));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS("MESSAGE"));
        item.put("messageId", AttributeValue.fromS(messageId));
        item.put("senderId", AttributeValue.fromS(senderId));
        item.put("recipientId", AttributeValue.fromS(recipientId));
        item.put("content", AttributeValue.fromS(content));
        item.put("status", AttributeValue.fromS(MessageStatus.SENT.wireName()));
        item.put("timestamp", AttributeValue.fromS(SortableTime.millis(at)));
        item.put("edited", AttributeValue.fromBool(false));
        item.put("deleted", AttributeValue.fromBool(false));
        item.put(VERSION, AttributeValue.fromN("1"));
        item.put(TableSpec.GSI2_PK, AttributeValue.fromS(dueShard(messageId)));
        item.put(TableSpec.GSI2_SK, AttributeValue.fromS(dueSort(at, messageId)));
        dynamo.putItem(p -> p.tableName(table())
                .item(outbox.withEvents(item, new MessageSent(messageId, senderId, recipientId)))
                .conditionExpression("attribute_not_exists(pk)"));
        outbox.flushSoon();
        return toStored(item);
    }

    /** The message by id: Query on gsi1 for its key, then a consistent GetItem. */
    public Optional<StoredMessage> find(String messageId) {
        QueryResponse found = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("MESSAGE#" + messageId))));
        if (found.items().isEmpty()) {
            return Optional.empty();
        }
        return load(toStored(found.items().get(0)));
    }

    /** The message as stored now (consistent GetItem by the key of {@code message}). */
    public Optional<StoredMessage> load(StoredMessage message) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(message)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStored(item));
    }

    /** sent → read, with MessageRead; the message as now stored, or empty if it was not an unread, live message. */
    public Optional<StoredMessage> markRead(StoredMessage message, String readerId) {
        StagedEvents staged = outbox.stage(new MessageRead(message.message().messageId(), readerId));
        Map<String, String> names = new HashMap<>(staged.names());
        names.put("#status", "status");
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":read", AttributeValue.fromS(MessageStatus.READ.wireName()));
        values.put(":sent", AttributeValue.fromS(MessageStatus.SENT.wireName()));
        values.put(":false", AttributeValue.fromBool(false));
        Optional<StoredMessage> read = changeUnreadState(message, "#status = :read, " + staged.setClause(), "",
                "#status = :sent AND deleted = :false", names, values);
        read.ifPresent(stored -> outbox.flushSoon());
        return read;
    }

    /** New content, marked edited; false if the message is deleted. */
    public boolean edit(StoredMessage message, String content) {
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
     * Tombstones the message (content removed, deleted = true); the message as now stored, or empty
     * if it was already deleted.
     */
    public Optional<StoredMessage> tombstone(StoredMessage message) {
        return changeUnreadState(message, "deleted = :true", " REMOVE content", "deleted = :false", new HashMap<>(),
                new HashMap<>(Map.of(":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false))));
    }

    /**
     * A conditional update that may change whether the message is unread: in the same write it bumps
     * {@code version} and sets the projection-due entry. Returns the new item, or empty when the
     * condition failed.
     */
    private Optional<StoredMessage> changeUnreadState(StoredMessage message, String setClause,
            String removeClause, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        String messageId = message.message().messageId();
        String update = "SET #version = if_not_exists(#version, :zero) + :one, gsi2pk = :due, gsi2sk = :dueSort, " + setClause + removeClause;
        names.put("#version", VERSION);
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":due", AttributeValue.fromS(dueShard(messageId)));
        values.put(":dueSort", AttributeValue.fromS(dueSort(clock.instant(), messageId)));
        try {
            return Optional.of(dynamo.updateItem(u -> u.tableName(table()).key(key(message))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes()).map(MessageRepository::toStored);
        } catch (ConditionalCheckFailedException conditionFailed) {
            return Optional.empty();
        }
    }

    /**
     * Removes the projection-due entry if the message is still at the version of {@code projected};
     * false if it changed since (then that newer state must be projected too).
     */
    public boolean clearProjectionDue(StoredMessage projected) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(projected))
                    .updateExpression("REMOVE gsi2pk, gsi2sk")
                    .conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(projected.version())))));
            return true;
        } catch (ConditionalCheckFailedException changedSince) {
            return false;
        }
    }

    /**
     * Hands every message whose projection has been due since before {@code cutoff} to {@code action},
     * a page at a time: Query on each shard of the sparse due entries (they exist only between a
     * write and its projection, so they are few).
     */
    public void forEachProjectionDueBefore(Instant cutoff, Consumer<StoredMessage> action) {
        for (int shard = 0; shard < DUE_SHARDS; shard++) {
            String pk = DUE_PREFIX + shard;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI2)
                        .keyConditionExpression("gsi2pk = :due AND gsi2sk < :cutoff")
                        .expressionAttributeValues(Map.of(":due", AttributeValue.fromS(pk),
                                ":cutoff", AttributeValue.fromS(SortableTime.millis(cutoff))))
                        .exclusiveStartKey(from)
                        .limit(SWEEP_PAGE));
                page.items().stream().map(MessageRepository::toStored).forEach(action);
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
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
        response.items().forEach(item -> items.add(toMessage(item)));
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), scope));
    }

    private static String dueShard(String messageId) {
        return DUE_PREFIX + Math.floorMod(messageId.hashCode(), DUE_SHARDS);
    }

    private static String dueSort(Instant changedAt, String messageId) {
        return SortableTime.millis(changedAt) + "#" + messageId;
    }

    static String conversationKey(String a, String b) {
        return a.compareTo(b) <= 0 ? "CONV#" + a + "#" + b : "CONV#" + b + "#" + a;
    }

    private static Map<String, AttributeValue> key(StoredMessage stored) {
        Message message = stored.message();
        return Map.of(TableSpec.PK, AttributeValue.fromS(conversationKey(message.senderId(), message.recipientId())),
                TableSpec.SK, AttributeValue.fromS(stored.sortKey()));
    }

    private static StoredMessage toStored(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        return new StoredMessage(toMessage(item), version == null ? 0 : Long.parseLong(version.n()),
                item.containsKey(TableSpec.GSI2_PK), item.get(TableSpec.SK).s());
    }

    private static Message toMessage(Map<String, AttributeValue> item) {
        boolean deleted = flag(item, "deleted");
        return new Message(item.get("messageId").s(), item.get("senderId").s(), item.get("recipientId").s(),
                deleted || !item.containsKey("content") ? null : item.get("content").s(),
                MessageStatus.stored(item.get("status").s()), InstantText.parse(item.get("timestamp").s()), flag(item, "edited"), deleted);
    }

    private static boolean flag(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }
}
