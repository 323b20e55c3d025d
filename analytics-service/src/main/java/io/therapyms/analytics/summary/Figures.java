package io.therapyms.analytics.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The figures of one bucket (or of the totals), as API.md "Analytics" names them. */
public record Figures(Sessions sessions, Double attendanceRate, double offeredHours, double bookedHours,
        Double utilisation, Requests requests, Caseload caseload, Messages messages) {

    /**
     * Sessions by their start, by current status: {@code scheduled} (not yet completed, cancelled or missed),
     * {@code completed}, {@code noShow}, cancelled by the client or by the therapist (a cancellation that followed
     * the end of the link or a deletion counts in neither), and {@code lateCancelled}: cancelled by anyone less
     * than 24 h before the start.
     */
    public record Sessions(int scheduled, int completed, int cancelledByClient, int cancelledByTherapist,
            int lateCancelled, int noShow) {
    }

    /** Appointment requests by the time they were made, by their outcome; decisions are approvals and rejections. */
    public record Requests(int received, int approved, int rejected, int cancelled, Double medianHoursToDecision) {
    }

    /** Linked clients: at any time in the bucket, links that began in it, links that ended in it. */
    public record Caseload(int active, int started, int ended) {
    }

    /**
     * Messages the therapist received and sent; the reply time of a run of a client's messages (since the
     * therapist's last message to them) is from its first message to the therapist's next one, looked for up
     * to 7 days after the range.
     */
    public record Messages(int received, int sent, Double medianMinutesToFirstReply) {
    }

    static final Duration LATE = Duration.ofHours(24);
    static final Duration REPLY_HORIZON = Duration.ofDays(7);

    /** The figures of each bucket between consecutive boundaries, then the totals over all of them. */
    public static Computed compute(List<Instant> boundaries, TherapistFacts facts) {
        int buckets = boundaries.size() - 1;
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            tallies.add(new Tally());
        }
        Tally total = new Tally();
        Instant from = boundaries.get(0);
        Instant to = boundaries.get(buckets);

        for (TherapistFacts.Session s : facts.sessions()) {
            int b = bucketOf(boundaries, s.start());
            if (b < 0 || s.status() == null) {
                continue;
            }
            for (Tally t : List.of(tallies.get(b), total)) {
                t.session(s);
            }
        }
        for (TherapistFacts.Slot slot : facts.slots()) {
            int b = bucketOf(boundaries, slot.start());
            if (b >= 0) {
                double hours = hours(slot.start(), slot.end());
                tallies.get(b).offeredHours += hours;
                total.offeredHours += hours;
            }
        }
        for (TherapistFacts.Request r : facts.requests()) {
            int b = bucketOf(boundaries, r.receivedAt());
            if (b >= 0) {
                tallies.get(b).request(r);
                total.request(r);
            }
        }
        for (TherapistFacts.Episode e : facts.episodes()) {
            for (int b = 0; b < buckets; b++) {
                tallies.get(b).episode(e, boundaries.get(b), boundaries.get(b + 1));
            }
            total.episode(e, from, to);
        }
        messages(boundaries, facts.messages(), tallies, total);

        List<Figures> figures = tallies.stream().map(Tally::figures).toList();
        return new Computed(figures, total.figures());
    }

    public record Computed(List<Figures> buckets, Figures totals) {
    }

    private static void messages(List<Instant> boundaries, List<TherapistFacts.Message> messages, List<Tally> tallies,
            Tally total) {
        Map<String, List<TherapistFacts.Message>> conversations = new LinkedHashMap<>();
        for (TherapistFacts.Message m : messages) {
            int b = bucketOf(boundaries, m.at());
            if (b >= 0) {
                for (Tally t : List.of(tallies.get(b), total)) {
                    if (m.sent()) {
                        t.sent++;
                    } else {
                        t.messagesReceived++;
                    }
                }
            }
            conversations.computeIfAbsent(m.therapistId() + "#" + m.counterpartId(), k -> new ArrayList<>()).add(m);
        }
        // Replies are read up to this time: the same figures whatever else happened to be read.
        Instant replyDeadline = boundaries.get(boundaries.size() - 1).plus(REPLY_HORIZON);
        for (List<TherapistFacts.Message> conversation : conversations.values()) {
            conversation.sort(Comparator.comparing(TherapistFacts.Message::at).thenComparing(TherapistFacts.Message::id));
            Instant waitingSince = null;
            for (TherapistFacts.Message m : conversation) {
                if (!m.sent() && waitingSince == null) {
                    waitingSince = m.at();
                } else if (m.sent() && waitingSince != null) {
                    int b = bucketOf(boundaries, waitingSince);
                    if (b >= 0 && m.at().isBefore(replyDeadline)) {
                        double minutes = Duration.between(waitingSince, m.at()).toMillis() / 60_000.0;
                        tallies.get(b).replyMinutes.add(minutes);
                        total.replyMinutes.add(minutes);
                    }
                    waitingSince = null;
                }
            }
        }
    }

    static int bucketOf(List<Instant> boundaries, Instant time) {
        if (time == null || time.isBefore(boundaries.get(0)) || !time.isBefore(boundaries.get(boundaries.size() - 1))) {
            return -1;
        }
        int index = Collections.binarySearch(boundaries, time);
        return index >= 0 ? index : -index - 2;
    }

    static double hours(Instant start, Instant end) {
        return Duration.between(start, end).toMillis() / 3_600_000.0;
    }

    private static final class Tally {
        int scheduled;
        int completed;
        int byClient;
        int byTherapist;
        int late;
        int noShow;
        double offeredHours;
        double bookedHours;
        int received;
        int approved;
        int rejected;
        int cancelled;
        final List<Double> decisionHours = new ArrayList<>();
        final Set<String> active = new HashSet<>();
        int started;
        int ended;
        int messagesReceived;
        int sent;
        final List<Double> replyMinutes = new ArrayList<>();

        void session(TherapistFacts.Session s) {
            switch (s.status()) {
                case "scheduled" -> scheduled++;
                case "completed" -> completed++;
                case "no_show" -> noShow++;
                case "cancelled" -> {
                    if ("client".equals(s.cancelledBy())) {
                        byClient++;
                    } else if ("therapist".equals(s.cancelledBy())) {
                        byTherapist++;
                    }
                    if (s.cancelledAt() != null && s.cancelledAt().isAfter(s.start().minus(LATE))) {
                        late++;
                    }
                }
                default -> {
                    return;
                }
            }
            if (!"cancelled".equals(s.status())) {
                bookedHours += hours(s.start(), s.end());
            }
        }

        void request(TherapistFacts.Request r) {
            received++;
            if (r.outcome() == null) {
                return;
            }
            switch (r.outcome()) {
                case "approved" -> approved++;
                case "rejected" -> rejected++;
                case "cancelled" -> cancelled++;
                default -> {
                    return;
                }
            }
            if (!"cancelled".equals(r.outcome()) && r.decidedAt() != null) {
                decisionHours.add(hours(r.receivedAt(), r.decidedAt()));
            }
        }

        void episode(TherapistFacts.Episode e, Instant start, Instant end) {
            if (e.linkedAt() == null) {
                return;
            }
            if (!e.linkedAt().isBefore(start) && e.linkedAt().isBefore(end)) {
                started++;
            }
            if (e.endedAt() != null && !e.endedAt().isBefore(start) && e.endedAt().isBefore(end)) {
                ended++;
            }
            if (e.linkedAt().isBefore(end) && (e.endedAt() == null || e.endedAt().isAfter(start))) {
                active.add(e.therapistId() + "#" + e.clientId());
            }
        }

        Figures figures() {
            return new Figures(new Sessions(scheduled, completed, byClient, byTherapist, late, noShow),
                    ratio(completed, completed + noShow), round(offeredHours, 2), round(bookedHours, 2),
                    offeredHours == 0 ? null : round(bookedHours / offeredHours, 4),
                    new Requests(received, approved, rejected, cancelled, median(decisionHours)),
                    new Caseload(active.size(), started, ended),
                    new Messages(messagesReceived, sent, median(replyMinutes)));
        }
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : round((double) part / whole, 4);
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return round(median, 2);
    }

    static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
