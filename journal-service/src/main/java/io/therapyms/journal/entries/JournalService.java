package io.therapyms.journal.entries;

import static io.therapyms.platform.dynamo.Attrs.bool;
import static io.therapyms.platform.dynamo.Attrs.flag;
import static io.therapyms.platform.dynamo.Attrs.n;
import static io.therapyms.platform.dynamo.Attrs.num;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.journal.JournalEntryCreated;
import io.therapyms.journal.access.JournalAccess;
import io.therapyms.journal.access.JournalAccess.Viewer;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.journal.support.JournalProblems.JournalNotFoundException;
import io.therapyms.journal.support.Times;
import io.therapyms.journal.support.Tombstones;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import io.therapyms.platform.security.Caller;
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
public class JournalService {

    @Inject
    Clock clock;

    static final int MAX_CONTENT = 10_000;
    static final Duration MAX_INSIGHT_RANGE = Duration.ofDays(366);
    /** The filter every entry Query carries: see {@link #isVisibleEntry}. */
    static final String VISIBLE_ENTRY = "attribute_not_exists(#tombstone) AND attribute_exists(journalEntryId)";

    public record EntryFields(String content, String feeling, Integer intensity, String time, Boolean isPrivate) {
    }

    public record Bucket(String start, int entryCount, double averageIntensity, Map<String, Integer> feelings) {
    }

    public record Insights(List<Bucket> buckets) {
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
    JournalAccess access;

    @Inject
    AccessLog accessLog;

    @Inject
    Tombstones tombstones;

    public JournalEntry create(Caller caller, String clientId, EntryFields fields) {
        access.requireOwner(caller, clientId, false);
        Instant now = Times.now(clock);
        String content = requireContent(fields.content());
        String feeling = Feelings.require(fields.feeling(), "feeling");
        int intensity = requireIntensity(fields.intensity());
        Instant time = requireTime(fields.time(), now);
        JournalEntry entry = new JournalEntry(UUID.randomUUID().toString(), clientId, content, feeling, intensity,
                time, Boolean.TRUE.equals(fields.isPrivate()), now, now);
        dynamo.putItem(p -> p.tableName(table())
                .item(outbox.withEvents(toItem(entry), new JournalEntryCreated(entry.journalEntryId(), clientId)))
                .conditionExpression("attribute_not_exists(pk)"));
        outbox.flushSoon();
        return entry;
    }

    public Page<JournalEntry> list(Caller caller, String clientId, String fromText, String toText, String feeling,
            PageRequest page) {
        Viewer viewer = access.forRead(caller, clientId);
        Instant from = Times.parse(fromText, "from");
        Instant to = Times.parse(toText, "to");
        if (feeling != null) {
            Feelings.require(feeling, "feeling");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw BadRequestException.field("from", "must not be after to");
        }
        String scope = "journal-entries:" + clientId + ":" + viewer + ":" + from + ":" + to + ":" + feeling;
        // Filters (feeling, private, tombstones) apply after Limit: the page fills until full or the range ends
        Page<JournalEntry> entries = pager.page(entryQuery(clientId, from, to, feeling, viewer).build(), page, scope,
                Integer.MAX_VALUE, JournalService::toEntry);
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), "list", ids(entries.items()));
        }
        return entries;
    }

    public JournalEntry read(Caller caller, String clientId, String entryId) {
        Viewer viewer = access.forRead(caller, clientId);
        JournalEntry entry = toEntry(find(clientId, entryId).current());
        if (viewer != Viewer.OWNER && entry.isPrivate()) {
            throw new JournalNotFoundException();
        }
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), "read", List.of(entry.journalEntryId()));
        }
        return entry;
    }

    public JournalEntry update(Caller caller, String clientId, String entryId, EntryFields fields) {
        access.requireOwner(caller, clientId, false);
        Copies copies = find(clientId, entryId);
        Map<String, AttributeValue> item = copies.current();
        JournalEntry old = toEntry(item);
        Instant now = Times.now(clock);
        JournalEntry updated = new JournalEntry(old.journalEntryId(), clientId,
                fields.content() == null ? old.content() : requireContent(fields.content()),
                fields.feeling() == null ? old.feeling() : Feelings.require(fields.feeling(), "feeling"),
                fields.intensity() == null ? old.intensity() : requireIntensity(fields.intensity()),
                fields.time() == null ? old.time() : requireTime(fields.time(), now),
                fields.isPrivate() == null ? old.isPrivate() : fields.isPrivate(), old.createdAt(), now);
        if (updated.time().equals(old.time())) {
            updateInPlace(item, toItem(updated));
        } else {
            move(item, updated);
        }
        removeAll(copies.stale());
        return updated;
    }

    /** Same time, same key: UpdateItem (not PutItem) so that an event still waiting in the item's outbox is kept. */
    private void updateInPlace(Map<String, AttributeValue> item, Map<String, AttributeValue> newItem) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(keyOf(item))
                    .updateExpression("SET content = :content, feeling = :feeling, intensity = :intensity, "
                            + "#private = :private, updatedAt = :updatedAt")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#tombstone)")
                    .expressionAttributeNames(Map.of("#private", "private", "#tombstone",
                            OutboxAttributes.DELETE_WHEN_SENT))
                    .expressionAttributeValues(Map.of(":content", newItem.get("content"), ":feeling",
                            newItem.get("feeling"), ":intensity", newItem.get("intensity"), ":private",
                            newItem.get("private"), ":updatedAt", newItem.get("updatedAt"))));
        } catch (ConditionalCheckFailedException deletedMeanwhile) {
            throw new JournalNotFoundException();
        }
    }

    /**
     * The time moved, and with it the sort key: write the new copy first, then remove the old one through
     * a tombstone (it may still carry JournalEntryCreated). A crash in between leaves two copies; the newest
     * (updatedAt) is the entry and the next change removes the other. The new copy's key carries its
     * updatedAt, so it never collides with a tombstone of the same entry at the same time (a quick move back).
     */
    private void move(Map<String, AttributeValue> item, JournalEntry updated) {
        Map<String, AttributeValue> newItem = toItem(updated);
        newItem.put(TableSpec.SK, s(newItem.get(TableSpec.SK).s() + "#" + SortableTime.millis(updated.updatedAt())));
        dynamo.putItem(p -> p.tableName(table()).item(newItem).conditionExpression("attribute_not_exists(pk)"));
        if (!tombstones.remove(table(), item)) {
            // deleted concurrently: the deletion wins, the new copy goes too
            tombstones.remove(table(), newItem);
            throw new JournalNotFoundException();
        }
    }

    public void delete(Caller caller, String clientId, String entryId) {
        access.requireOwner(caller, clientId, false);
        Copies copies = find(clientId, entryId);
        if (!tombstones.remove(table(), copies.current())) {
            throw new JournalNotFoundException();
        }
        removeAll(copies.stale());
    }

    public Insights insights(Caller caller, String clientId, String fromText, String toText, String bucket) {
        Viewer viewer = access.forRead(caller, clientId);
        String size = bucket == null ? "day" : bucket;
        if (!size.equals("day") && !size.equals("week")) {
            throw BadRequestException.field("bucket", "must be day or week");
        }
        Instant now = Times.now(clock);
        Instant to = Times.parse(toText, "to");
        to = to == null ? now : to;
        Instant from = Times.parse(fromText, "from");
        from = from == null ? to.minus(Duration.ofDays(30)) : from;
        if (from.isAfter(to)) {
            throw BadRequestException.field("from", "must not be after to");
        }
        if (Duration.between(from, to).compareTo(MAX_INSIGHT_RANGE) > 0) {
            throw BadRequestException.field("from", "the range may span at most 366 days");
        }
        Map<LocalDate, List<JournalEntry>> byBucket = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (Map<String, AttributeValue> item : pager.all(entryQuery(clientId, from, to, null, viewer).build())) {
            JournalEntry entry = toEntry(item);
            seen.add(entry.journalEntryId());
            LocalDate day = LocalDate.ofInstant(entry.time(), ZoneOffset.UTC);
            LocalDate key = size.equals("day") ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            byBucket.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
        List<Bucket> buckets = new ArrayList<>();
        byBucket.forEach((day, entries) -> {
            Map<String, Integer> feelings = new TreeMap<>();
            entries.forEach(e -> feelings.merge(e.feeling(), 1, Integer::sum));
            double average = entries.stream().mapToInt(JournalEntry::intensity).average().orElse(0);
            buckets.add(new Bucket(day.atStartOfDay(ZoneOffset.UTC).toInstant().toString(), entries.size(),
                    Math.round(average * 100) / 100.0, feelings));
        });
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), "insights", seen);
        }
        return new Insights(buckets);
    }

    public Page<AccessLog.Record> accessLog(Caller caller, String clientId, PageRequest page) {
        access.requireOwner(caller, clientId, true);
        return accessLog.page(clientId, page);
    }

    /**
     * ClientDeleted: entries, links and grant pairs (client partition) go through {@link Tombstones}, as
     * entries and pairs may still carry unsent events; request records (gsi1) and the log never carry
     * events and are batch-deleted.
     */
    public void erase(String clientId) {
        Erasure.forEachItem(dynamo, table(), null, TableSpec.PK, "CLIENT#" + clientId,
                item -> tombstones.remove(table(), item));
        Erasure.deleteMatching(dynamo, table(), TableSpec.GSI1, TableSpec.GSI1_PK, "CREQ#" + clientId);
        accessLog.eraseAll(clientId);
    }

    private QueryRequest.Builder entryQuery(String clientId, Instant from, Instant to, String feeling, Viewer viewer) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s("CLIENT#" + clientId));
        values.put(":from", s("ENTRY#" + (from == null ? "" : SortableTime.millis(from))));
        values.put(":to", s("ENTRY#" + (to == null ? "~" : SortableTime.millis(to) + "#~")));
        List<String> filters = new ArrayList<>(List.of(VISIBLE_ENTRY));
        Map<String, String> names = new HashMap<>(Map.of("#tombstone", OutboxAttributes.DELETE_WHEN_SENT));
        if (feeling != null) {
            filters.add("feeling = :feeling");
            values.put(":feeling", s(feeling));
        }
        if (viewer != Viewer.OWNER) {
            filters.add("#private = :false");
            names.put("#private", "private");
            values.put(":false", bool(false));
        }
        return QueryRequest.builder().tableName(table())
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .filterExpression(String.join(" AND ", filters))
                .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false);
    }

    /** The copies of one entry: normally one; two after a crash in the middle of a time change. */
    record Copies(Map<String, AttributeValue> current, List<Map<String, AttributeValue>> stale) {
    }

    /** The visible copies of the entry (tombstones skipped), newest updatedAt first; 404 if none. */
    private Copies find(String clientId, String entryId) {
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("ENTRY#" + entryId))).build());
        List<Map<String, AttributeValue>> copies = response.items().stream()
                .filter(i -> clientId.equals(str(i, "clientId")) && isVisibleEntry(i))
                .sorted(Comparator.comparing((Map<String, AttributeValue> i) -> str(i, "updatedAt"))
                        .thenComparing(i -> str(i, TableSpec.SK)).reversed())
                .toList();
        if (copies.isEmpty()) {
            throw new JournalNotFoundException();
        }
        return new Copies(copies.get(0), copies.subList(1, copies.size()));
    }

    private void removeAll(List<Map<String, AttributeValue>> items) {
        items.forEach(item -> tombstones.remove(table(), item));
    }

    /** Not a tombstone, and an entry (a bare key left behind by a race with the relay is none). */
    static boolean isVisibleEntry(Map<String, AttributeValue> item) {
        return !Outbox.isTombstone(item) && item.containsKey("journalEntryId");
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(TableSpec.PK, item.get(TableSpec.PK), TableSpec.SK, item.get(TableSpec.SK));
    }

    private static String requireContent(String content) {
        if (content == null || content.isBlank()) {
            throw BadRequestException.field("content", "is required");
        }
        if (content.length() > MAX_CONTENT) {
            throw BadRequestException.field("content", "must be at most " + MAX_CONTENT + " characters");
        }
        return content;
    }

    private static int requireIntensity(Integer intensity) {
        if (intensity == null || intensity < 1 || intensity > 10) {
            throw BadRequestException.field("intensity", "must be a whole number from 1 to 10");
        }
        return intensity;
    }

    private static Instant requireTime(String text, Instant now) {
        Instant time = Times.parse(text, "time");
        if (time == null) {
            return now;
        }
        if (time.isAfter(now)) {
            throw BadRequestException.field("time", "must not be in the future");
        }
        return time;
    }

    private static List<String> ids(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::journalEntryId).toList();
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
                (int) num(i, "intensity"), Instant.parse(str(i, "time")), flag(i, "private"),
                Instant.parse(str(i, "createdAt")), Instant.parse(str(i, "updatedAt")));
    }

    private String table() {
        return config.prefixed(JournalTables.MAIN);
    }
}
