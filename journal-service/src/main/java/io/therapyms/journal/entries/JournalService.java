package io.therapyms.journal.entries;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.journal.JournalEntryCreated;
import io.therapyms.journal.access.JournalAccess;
import io.therapyms.journal.access.JournalAccess.Viewer;
import io.therapyms.journal.entries.JournalEntryRepository.Copies;
import io.therapyms.journal.entries.JournalEntryRepository.StoredEntry;
import io.therapyms.journal.support.JournalProblems.JournalNotFoundException;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;

/**
 * The rules of journal entries (who may do what, validation, the access log of therapist reads); storage is
 * {@link JournalEntryRepository}'s.
 */
@Singleton
public class JournalService {

    @Inject
    Clock clock;

    static final int MAX_CONTENT = 10_000;
    static final Duration MAX_INSIGHT_RANGE = Duration.ofDays(366);

    public record EntryFields(String content, String feeling, Integer intensity, String time, Boolean isPrivate) {
    }

    public record Bucket(String start, int entryCount, double averageIntensity, Map<String, Integer> feelings) {
    }

    public record Insights(List<Bucket> buckets) {
    }

    @Inject
    JournalEntryRepository entries;

    @Inject
    JournalAccess access;

    @Inject
    AccessLog accessLog;

    public JournalEntry create(Caller caller, String clientId, EntryFields fields) {
        access.requireOwner(caller, clientId, false);
        Instant now = Times.now(clock);
        String content = requireContent(fields.content());
        String feeling = Feelings.require(fields.feeling(), "feeling");
        int intensity = requireIntensity(fields.intensity());
        Instant time = requireTime(fields.time(), now);
        JournalEntry entry = new JournalEntry(UUID.randomUUID().toString(), clientId, content, feeling, intensity,
                time, Boolean.TRUE.equals(fields.isPrivate()), now, now);
        entries.create(entry, new JournalEntryCreated(entry.journalEntryId(), clientId));
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
        Page<JournalEntry> found = entries.page(clientId, from, to, feeling, viewer == Viewer.OWNER, page, scope);
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), AccessAction.LIST, ids(found.items()));
        }
        return found;
    }

    public JournalEntry read(Caller caller, String clientId, String entryId) {
        Viewer viewer = access.forRead(caller, clientId);
        JournalEntry entry = find(clientId, entryId).current().entry();
        if (viewer != Viewer.OWNER && entry.isPrivate()) {
            throw new JournalNotFoundException();
        }
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), AccessAction.READ, List.of(entry.journalEntryId()));
        }
        return entry;
    }

    public JournalEntry update(Caller caller, String clientId, String entryId, EntryFields fields) {
        access.requireOwner(caller, clientId, false);
        Copies copies = find(clientId, entryId);
        StoredEntry current = copies.current();
        JournalEntry old = current.entry();
        Instant now = Times.now(clock);
        JournalEntry updated = new JournalEntry(old.journalEntryId(), clientId,
                fields.content() == null ? old.content() : requireContent(fields.content()),
                fields.feeling() == null ? old.feeling() : Feelings.require(fields.feeling(), "feeling"),
                fields.intensity() == null ? old.intensity() : requireIntensity(fields.intensity()),
                fields.time() == null ? old.time() : requireTime(fields.time(), now),
                fields.isPrivate() == null ? old.isPrivate() : fields.isPrivate(), old.createdAt(), now);
        boolean changed = updated.time().equals(old.time()) ? entries.updateInPlace(current, updated)
                : entries.move(current, updated);
        if (!changed) {
            // deleted meanwhile: the deletion wins
            throw new JournalNotFoundException();
        }
        entries.removeAll(copies.stale());
        return updated;
    }

    public void delete(Caller caller, String clientId, String entryId) {
        access.requireOwner(caller, clientId, false);
        Copies copies = find(clientId, entryId);
        if (!entries.remove(copies.current())) {
            throw new JournalNotFoundException();
        }
        entries.removeAll(copies.stale());
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
        for (JournalEntry entry : entries.all(clientId, from, to, viewer == Viewer.OWNER)) {
            seen.add(entry.journalEntryId());
            LocalDate day = LocalDate.ofInstant(entry.time(), ZoneOffset.UTC);
            LocalDate key = size.equals("day") ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            byBucket.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
        List<Bucket> buckets = new ArrayList<>();
        byBucket.forEach((day, inBucket) -> {
            Map<String, Integer> feelings = new TreeMap<>();
            inBucket.forEach(e -> feelings.merge(e.feeling(), 1, Integer::sum));
            double average = inBucket.stream().mapToInt(JournalEntry::intensity).average().orElse(0);
            buckets.add(new Bucket(day.atStartOfDay(ZoneOffset.UTC).toInstant().toString(), inBucket.size(),
                    Math.round(average * 100) / 100.0, feelings));
        });
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), AccessAction.INSIGHTS, seen);
        }
        return new Insights(buckets);
    }

    public Page<AccessLog.Record> accessLog(Caller caller, String clientId, PageRequest page) {
        access.requireOwner(caller, clientId, true);
        return accessLog.page(clientId, page);
    }

    /** ClientDeleted: the client's entries, links, grant pairs, request records and access log. */
    public void erase(String clientId) {
        entries.eraseClient(clientId);
        accessLog.eraseAll(clientId);
    }

    /** The visible copies of the entry, newest first; 404 if none. */
    private Copies find(String clientId, String entryId) {
        return entries.copies(clientId, entryId).orElseThrow(JournalNotFoundException::new);
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
}
