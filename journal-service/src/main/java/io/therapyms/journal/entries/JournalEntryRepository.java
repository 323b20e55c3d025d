package io.therapyms.journal.entries;

import static io.therapyms.platform.dynamo.Attrs.bool;
import static io.therapyms.platform.dynamo.Attrs.flag;
import static io.therapyms.platform.dynamo.Attrs.n;
import static io.therapyms.platform.dynamo.Attrs.num;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.journal.support.Tombstones;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Entries: pk = CLIENT#clientId, sk = ENTRY#time#entryId (a time range is a key condition, newest first by
 * ScanIndexForward=false); gsi1pk = ENTRY#entryId finds one entry by id. {@code feeling} and (for therapists)
 * {@code private} are filter expressions on that Query, as is the exclusion of tombstones.
 * <p>
 * Removals never DeleteItem an entry that may still carry its JournalEntryCreated: {@link Tombstones}
 * turns such an entry into a content-free tombstone the relay deletes once the event is out.
 */
@Singleton
public class JournalEntryRepository {

    /** The filter every entry Query carries: see {@link #isVisibleEntry}. */
    static final String VISIBLE_ENTRY = "attribute_not_exists(#tombstone) AND attribute_exists(journalEntryId)";

    /**
     * What {@link #toEntry} reads, and all that lists fetch: not the keys, index keys and outbox the items also hold
     * (about a third of each item), which the SDK would otherwise parse for every entry of a page.
     */
    private static final String ENTRY_FIELDS =
            "journalEntryId, clientId, content, feeling, intensity, #time, #private, createdAt, updatedAt";

    /**
     * One stored copy of an entry. The sort key is kept as read: a copy written by a time change carries its
     * updatedAt in it, so it cannot be derived from the entry alone.
     */
    public record StoredEntry(JournalEntry entry, String sortKey) {
    }

    /** The copies of one entry: normally one; two after a crash in the middle of a time change. */
    public record Copies(StoredEntry current, List<StoredEntry> stale) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    QueryPager pager;

    @Inject
    Tombstones tombstones;

    /** Stores a new entry with {@code created} on it, in one conditional write. */
    public void create(JournalEntry entry, DomainEvent created) {
        dynamo.putItem(p -> p.tableName(table())
                .item(outbox.withEvents(toItem(entry), created))
                .conditionExpression("attribute_not_exists(pk)"));
        outbox.flushSoon();
    }

    /** A page of the client's visible entries in [from, to] (either open), newest first. */
    public Page<JournalEntry> page(String clientId, Instant from, Instant to, String feeling, boolean includePrivate,
            PageRequest page, String scope) {
        // Filters (feeling, private, tombstones) apply after Limit: the page fills until full or the range ends
        return pager.page(entryQuery(clientId, from, to, feeling, includePrivate).build(), page, scope,
                Integer.MAX_VALUE, JournalEntryRepository::toEntry);
    }

    /** Every visible entry of the client in [from, to], newest first. */
    public List<JournalEntry> all(String clientId, Instant from, Instant to, boolean includePrivate) {
        return pager.all(entryQuery(clientId, from, to, null, includePrivate).build()).stream()
                .map(JournalEntryRepository::toEntry).toList();
    }

    /** The visible copies of the entry (tombstones skipped), newest updatedAt first; empty if none. */
    public Optional<Copies> copies(String clientId, String entryId) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("ENTRY#" + entryId))).build());
        List<StoredEntry> copies = response.items().stream()
                .filter(i -> clientId.equals(str(i, "clientId")) && isVisibleEntry(i))
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> str(i, "updatedAt"))
                        .thenComparing(i -> str(i, TableSpec.SK)).reversed())
                .map(i -> new StoredEntry(toEntry(i), str(i, TableSpec.SK)))
                .toList();
        if (copies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Copies(copies.get(0), copies.subList(1, copies.size())));
    }

    /**
     * Same time, same key: UpdateItem (not PutItem) so that an event still waiting in the item's outbox is kept.
     * False if the copy was removed meanwhile.
     */
    public boolean updateInPlace(StoredEntry stored, JournalEntry updated) {
        Map<String, AttributeValue> newItem = toItem(updated);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(keyOf(stored))
                    .updateExpression("SET content = :content, feeling = :feeling, intensity = :intensity, "
                            + "#private = :private, updatedAt = :updatedAt")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#tombstone)")
                    .expressionAttributeNames(Map.of("#private", "private", "#tombstone",
                            OutboxAttributes.DELETE_WHEN_SENT))
                    .expressionAttributeValues(Map.of(":content", newItem.get("content"), ":feeling",
                            newItem.get("feeling"), ":intensity", newItem.get("intensity"), ":private",
                            newItem.get("private"), ":updatedAt", newItem.get("updatedAt"))));
            return true;
        } catch (ConditionalCheckFailedException deletedMeanwhile) {
            return false;
        }
    }

    /**
     * The time moved, and with it the sort key: write the new copy first, then remove the old one through
     * a tombstone (it may still carry JournalEntryCreated). A crash in between leaves two copies; the newest
     * (updatedAt) is the entry and the next change removes the other. The new copy's key carries its
     * updatedAt, so it never collides with a tombstone of the same entry at the same time (a quick move back).
     * False if the old copy was removed concurrently: the deletion wins, the new copy goes too.
     */
    public boolean move(StoredEntry stored, JournalEntry updated) {
        Map<String, AttributeValue> newItem = toItem(updated);
        String newSortKey = newItem.get(TableSpec.SK).s() + "#" + SortableTime.millis(updated.updatedAt());
        newItem.put(TableSpec.SK, s(newSortKey));
        dynamo.putItem(p -> p.tableName(table()).item(newItem).conditionExpression("attribute_not_exists(pk)"));
        if (!remove(stored)) {
            remove(new StoredEntry(updated, newSortKey));
            return false;
        }
        return true;
    }

    /** Removes the copy (see {@link Tombstones#remove}); false if someone else removed it first. */
    public boolean remove(StoredEntry stored) {
        // every attribute an entry copy is written with, so that a tombstone keeps none of its content
        Map<String, AttributeValue> item = toItem(stored.entry());
        item.put(TableSpec.SK, s(stored.sortKey()));
        return tombstones.remove(table(), item);
    }

    public void removeAll(List<StoredEntry> copies) {
        copies.forEach(this::remove);
    }

    /**
     * ClientDeleted: the client partition (entries, links and grant pairs) goes through {@link Tombstones},
     * as entries and pairs may still carry unsent events; request records (gsi1) never carry events and are
     * batch-deleted.
     */
    public void eraseClient(String clientId) {
        Erasure.forEachItem(dynamo, table(), null, TableSpec.PK, "CLIENT#" + clientId,
                item -> tombstones.remove(table(), item));
        Erasure.deleteMatching(dynamo, table(), TableSpec.GSI1, TableSpec.GSI1_PK, "CREQ#" + clientId);
    }

    private QueryRequest.Builder entryQuery(String clientId, Instant from, Instant to, String feeling,
            boolean includePrivate) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s("CLIENT#" + clientId));
        values.put(":from", s("ENTRY#" + (from == null ? "" : SortableTime.millis(from))));
        values.put(":to", s("ENTRY#" + (to == null ? "~" : SortableTime.millis(to) + "#~")));
        List<String> filters = new ArrayList<>(List.of(VISIBLE_ENTRY));
        // "time" and "private" are reserved words in expressions
        Map<String, String> names = new HashMap<>(Map.of("#tombstone", OutboxAttributes.DELETE_WHEN_SENT,
                "#time", "time", "#private", "private"));
        if (feeling != null) {
            filters.add("feeling = :feeling");
            values.put(":feeling", s(feeling));
        }
        if (!includePrivate) {
            filters.add("#private = :false");
            values.put(":false", bool(false));
        }
        // the filter sees whole items; only the projection's attributes come back
        return QueryRequest.builder().tableName(table())
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .filterExpression(String.join(" AND ", filters))
                .projectionExpression(ENTRY_FIELDS)
                .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false);
    }

    /** Not a tombstone, and an entry (a bare key left behind by a race with the relay is none). */
    static boolean isVisibleEntry(Map<String, AttributeValue> item) {
        return !Outbox.isTombstone(item) && item.containsKey("journalEntryId");
    }

    private static Map<String, AttributeValue> keyOf(StoredEntry stored) {
        return Map.of(TableSpec.PK, s("CLIENT#" + stored.entry().clientId()), TableSpec.SK, s(stored.sortKey()));
    }

    static Map<String, AttributeValue> toItem(JournalEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s("CLIENT#" + e.clientId()));
        item.put(TableSpec.SK, s("ENTRY#" + SortableTime.millis(e.time()) + "#" + e.journalEntryId()));
        item.put(TableSpec.GSI1_PK, s("ENTRY#" + e.journalEntryId()));
        item.put(TableSpec.GSI1_SK, s("ENTRY"));
        item.put("journalEntryId", s(e.journalEntryId()));
        item.put("clientId", s(e.clientId()));
        item.put("content", s(e.content()));
        item.put("feeling", s(e.feeling()));
        item.put("intensity", n(e.intensity()));
        item.put("time", s(SortableTime.millis(e.time())));
        item.put("private", bool(e.isPrivate()));
        item.put("createdAt", s(SortableTime.millis(e.createdAt())));
        item.put("updatedAt", s(SortableTime.millis(e.updatedAt())));
        return item;
    }

    static JournalEntry toEntry(Map<String, AttributeValue> i) {
        return new JournalEntry(str(i, "journalEntryId"), str(i, "clientId"), str(i, "content"), str(i, "feeling"),
                (int) num(i, "intensity"), InstantText.parse(str(i, "time")), flag(i, "private"),
                InstantText.parse(str(i, "createdAt")), InstantText.parse(str(i, "updatedAt")));
    }

    private String table() {
        return config.prefixed(JournalTables.MAIN);
    }
}
