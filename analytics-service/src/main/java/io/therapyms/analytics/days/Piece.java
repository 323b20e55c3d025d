package io.therapyms.analytics.days;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.therapyms.analytics.ingest.Party;
import io.therapyms.analytics.ingest.RequestOutcome;
import io.therapyms.analytics.ingest.SessionStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one stretch [from, to) of a user's time line adds to the figures: a pure function of the facts whose time
 * (a session's or slot's start, a request's or message's time) lies in it. A day aggregate is the piece of one UTC
 * day, stored; the summary adds pieces up. Counts and millisecond sums add; what does not add is kept whole: each
 * decision's duration (for the median), and per conversation just enough of the run of the client's messages to
 * go on where the previous piece stopped (see {@link Conversation}), so that the reply times over any sequence of
 * pieces are those of one pass over all their messages.
 */
public final class Piece {

    static final Duration LATE = Duration.ofHours(24);

    public int scheduled;
    public int completed;
    public int noShow;
    public int byClient;
    public int byTherapist;
    public int late;
    public long bookedMs;
    public long offeredMs;
    public int received;
    public int approved;
    public int rejected;
    public int cancelled;
    public final List<Long> decisionMs = new ArrayList<>();
    public int messagesReceived;
    public int sent;
    /** By counterpart; sorted so that the stored form of the same facts is always the same. */
    public final SortedMap<String, Conversation> conversations = new TreeMap<>();

    /** A reply to a run of the client's messages: the run's first message and the owner's next message. */
    public record Reply(Instant runStart, Instant at) {
    }

    /**
     * One conversation within the piece, in message order (time, then id). Messages before the owner's first one
     * either continue a run begun in an earlier piece or start one ({@code waitFirst}); {@code firstSent} ends that
     * run; the runs after it that end inside the piece are {@code replies}; {@code waitLast} is a run still open at
     * the piece's end.
     */
    public static final class Conversation {
        public Instant waitFirst;
        public Instant firstSent;
        public final List<Reply> replies = new ArrayList<>();
        public Instant waitLast;

        static Conversation of(List<TherapistFacts.Message> messages) {
            Conversation c = new Conversation();
            Instant waiting = null;
            for (TherapistFacts.Message m : messages) {
                if (!m.sent()) {
                    if (waiting == null) {
                        waiting = m.at();
                    }
                } else if (c.firstSent == null) {
                    c.firstSent = m.at();
                    c.waitFirst = waiting;
                    waiting = null;
                } else if (waiting != null) {
                    c.replies.add(new Reply(waiting, m.at()));
                    waiting = null;
                }
            }
            if (c.firstSent == null) {
                c.waitFirst = waiting;
            } else {
                c.waitLast = waiting;
            }
            return c;
        }

        /**
         * Continues a pass over the conversation: {@code waiting} is the start of the run open before this piece
         * (or null); each reply found goes to {@code replies}; returns the run open after it.
         */
        public Instant continueFrom(Instant waiting, List<Reply> replies) {
            if (firstSent == null) {
                return waiting != null ? waiting : waitFirst;
            }
            Instant runStart = waiting != null ? waiting : waitFirst;
            if (runStart != null) {
                replies.add(new Reply(runStart, firstSent));
            }
            replies.addAll(this.replies);
            return waitLast;
        }
    }

    public static Piece of(TherapistFacts facts, Instant from, Instant to) {
        Piece p = new Piece();
        for (TherapistFacts.Session s : facts.sessions()) {
            if (within(s.start(), from, to) && s.status() != null) {
                p.session(s);
            }
        }
        for (TherapistFacts.Slot slot : facts.slots()) {
            if (within(slot.start(), from, to)) {
                p.offeredMs += millis(slot.start(), slot.end());
            }
        }
        for (TherapistFacts.Request r : facts.requests()) {
            if (within(r.receivedAt(), from, to)) {
                p.request(r);
            }
        }
        Map<String, List<TherapistFacts.Message>> byCounterpart = new HashMap<>();
        for (TherapistFacts.Message m : facts.messages()) {
            if (!within(m.at(), from, to)) {
                continue;
            }
            if (m.sent()) {
                p.sent++;
            } else {
                p.messagesReceived++;
            }
            byCounterpart.computeIfAbsent(String.valueOf(m.counterpartId()), k -> new ArrayList<>()).add(m);
        }
        byCounterpart.forEach((counterpart, messages) -> {
            messages.sort(Comparator.comparing(TherapistFacts.Message::at).thenComparing(TherapistFacts.Message::id));
            p.conversations.put(counterpart, Conversation.of(messages));
        });
        return p;
    }

    private void session(TherapistFacts.Session s) {
        switch (s.status()) {
            case SCHEDULED -> scheduled++;
            case COMPLETED -> completed++;
            case NO_SHOW -> noShow++;
            case CANCELLED -> {
                if (s.cancelledBy() == Party.CLIENT) {
                    byClient++;
                } else if (s.cancelledBy() == Party.THERAPIST) {
                    byTherapist++;
                }
                if (s.cancelledAt() != null && s.cancelledAt().isAfter(s.start().minus(LATE))) {
                    late++;
                }
            }
        }
        if (s.status() != SessionStatus.CANCELLED) {
            bookedMs += millis(s.start(), s.end());
        }
    }

    private void request(TherapistFacts.Request r) {
        received++;
        if (r.outcome() == null) {
            return;
        }
        switch (r.outcome()) {
            case APPROVED -> approved++;
            case REJECTED -> rejected++;
            case CANCELLED -> cancelled++;
        }
        if (r.outcome() != RequestOutcome.CANCELLED && r.decidedAt() != null) {
            decisionMs.add(millis(r.receivedAt(), r.decidedAt()));
        }
    }

    static boolean within(Instant time, Instant from, Instant to) {
        return time != null && !time.isBefore(from) && time.isBefore(to);
    }

    static long millis(Instant start, Instant end) {
        return Duration.between(start, end).toMillis();
    }

    // --- the stored form: three attributes of the day item ---

    static final String COUNTS = "counts";
    static final String DECISIONS = "decisions";
    static final String CONVERSATIONS = "conv";

    /** The attributes to SET; those absent from the map (nothing to store) are to be REMOVEd. */
    public Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(COUNTS, AttributeValue.fromS(join(List.of((long) scheduled, (long) completed, (long) noShow,
                (long) byClient, (long) byTherapist, (long) late, bookedMs, offeredMs, (long) received,
                (long) approved, (long) rejected, (long) cancelled, (long) messagesReceived, (long) sent))));
        if (!decisionMs.isEmpty()) {
            attributes.put(DECISIONS, AttributeValue.fromS(join(decisionMs)));
        }
        if (!conversations.isEmpty()) {
            Map<String, AttributeValue> conv = new TreeMap<>();
            conversations.forEach((counterpart, c) -> {
                StringBuilder text = new StringBuilder().append(nanos(c.waitFirst)).append(',')
                        .append(nanos(c.firstSent)).append(',').append(nanos(c.waitLast));
                for (Reply r : c.replies) {
                    text.append(',').append(nanos(r.runStart())).append(',').append(nanos(r.at()));
                }
                conv.put(counterpart, AttributeValue.fromS(text.toString()));
            });
            attributes.put(CONVERSATIONS, AttributeValue.fromM(conv));
        }
        return attributes;
    }

    public static final List<String> ATTRIBUTES = List.of(COUNTS, DECISIONS, CONVERSATIONS);

    /** The piece a day item stores, or null when it has never been computed. */
    public static Piece from(Map<String, AttributeValue> item) {
        AttributeValue counts = item.get(COUNTS);
        if (counts == null) {
            return null;
        }
        Piece p = new Piece();
        String[] n = counts.s().split(",");
        p.scheduled = Integer.parseInt(n[0]);
        p.completed = Integer.parseInt(n[1]);
        p.noShow = Integer.parseInt(n[2]);
        p.byClient = Integer.parseInt(n[3]);
        p.byTherapist = Integer.parseInt(n[4]);
        p.late = Integer.parseInt(n[5]);
        p.bookedMs = Long.parseLong(n[6]);
        p.offeredMs = Long.parseLong(n[7]);
        p.received = Integer.parseInt(n[8]);
        p.approved = Integer.parseInt(n[9]);
        p.rejected = Integer.parseInt(n[10]);
        p.cancelled = Integer.parseInt(n[11]);
        p.messagesReceived = Integer.parseInt(n[12]);
        p.sent = Integer.parseInt(n[13]);
        AttributeValue decisions = item.get(DECISIONS);
        if (decisions != null) {
            for (String ms : decisions.s().split(",")) {
                p.decisionMs.add(Long.parseLong(ms));
            }
        }
        AttributeValue conv = item.get(CONVERSATIONS);
        if (conv != null) {
            conv.m().forEach((counterpart, value) -> {
                String[] t = value.s().split(",", -1);
                Conversation c = new Conversation();
                c.waitFirst = instant(t[0]);
                c.firstSent = instant(t[1]);
                c.waitLast = instant(t[2]);
                for (int i = 3; i + 1 < t.length; i += 2) {
                    c.replies.add(new Reply(instant(t[i]), instant(t[i + 1])));
                }
                p.conversations.put(counterpart, c);
            });
        }
        return p;
    }

    private static String join(List<Long> values) {
        StringBuilder text = new StringBuilder();
        for (Long value : values) {
            text.append(text.isEmpty() ? "" : ",").append(value);
        }
        return text.toString();
    }

    /** Nanoseconds since the epoch: exact for the times events carry (years 1678 to 2261). */
    private static String nanos(Instant time) {
        return time == null ? "" : Long.toString(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L),
                time.getNano()));
    }

    private static Instant instant(String text) {
        return text.isEmpty() ? null : Instant.ofEpochSecond(0, Long.parseLong(text));
    }
}
