package io.therapyms.analytics.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.therapyms.analytics.days.Piece;
import io.therapyms.analytics.days.TherapistFacts;

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

    static final Duration REPLY_HORIZON = Duration.ofDays(7);

    /** A stretch of one therapist's time line and the bucket it falls in (-1: the margins read for reply times). */
    public record Segment(int bucket, Piece piece) {
    }

    /** One therapist's segments in time order, covering the range and 7 days either side, and their link episodes. */
    public record Timeline(String therapistId, List<Segment> segments, List<TherapistFacts.Episode> episodes) {
    }

    /** The figures of each bucket between consecutive boundaries, then the totals over all of them. */
    public static Computed compute(List<Instant> boundaries, List<Timeline> timelines) {
        int buckets = boundaries.size() - 1;
        List<Tally> tallies = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            tallies.add(new Tally());
        }
        Tally total = new Tally();
        Instant from = boundaries.get(0);
        Instant to = boundaries.get(buckets);
        // Replies are read up to this time: the same figures whatever else happened to be read.
        Instant replyDeadline = to.plus(REPLY_HORIZON);

        for (Timeline timeline : timelines) {
            Map<String, Instant> waiting = new HashMap<>();
            List<Piece.Reply> replies = new ArrayList<>();
            for (Segment segment : timeline.segments()) {
                if (segment.bucket() >= 0) {
                    tallies.get(segment.bucket()).add(segment.piece());
                    total.add(segment.piece());
                }
                segment.piece().conversations.forEach((counterpart, conversation) ->
                        waiting.put(counterpart, conversation.continueFrom(waiting.get(counterpart), replies)));
            }
            for (Piece.Reply reply : replies) {
                int b = bucketOf(boundaries, reply.runStart());
                if (b >= 0 && reply.at().isBefore(replyDeadline)) {
                    double minutes = Duration.between(reply.runStart(), reply.at()).toMillis() / 60_000.0;
                    tallies.get(b).replyMinutes.add(minutes);
                    total.replyMinutes.add(minutes);
                }
            }
            for (TherapistFacts.Episode e : timeline.episodes()) {
                for (int b = 0; b < buckets; b++) {
                    tallies.get(b).episode(e, boundaries.get(b), boundaries.get(b + 1));
                }
                total.episode(e, from, to);
            }
        }
        List<Figures> figures = tallies.stream().map(Tally::figures).toList();
        return new Computed(figures, total.figures());
    }

    public record Computed(List<Figures> buckets, Figures totals) {
    }

    public static int bucketOf(List<Instant> boundaries, Instant time) {
        if (time == null || time.isBefore(boundaries.get(0)) || !time.isBefore(boundaries.get(boundaries.size() - 1))) {
            return -1;
        }
        int index = Collections.binarySearch(boundaries, time);
        return index >= 0 ? index : -index - 2;
    }

    private static final double MS_PER_HOUR = 3_600_000.0;

    private static final class Tally {
        int scheduled;
        int completed;
        int byClient;
        int byTherapist;
        int late;
        int noShow;
        long offeredMs;
        long bookedMs;
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

        void add(Piece p) {
            scheduled += p.scheduled;
            completed += p.completed;
            noShow += p.noShow;
            byClient += p.byClient;
            byTherapist += p.byTherapist;
            late += p.late;
            bookedMs += p.bookedMs;
            offeredMs += p.offeredMs;
            received += p.received;
            approved += p.approved;
            rejected += p.rejected;
            cancelled += p.cancelled;
            p.decisionMs.forEach(ms -> decisionHours.add(ms / MS_PER_HOUR));
            messagesReceived += p.messagesReceived;
            sent += p.sent;
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
                    ratio(completed, completed + noShow), round(offeredMs / MS_PER_HOUR, 2),
                    round(bookedMs / MS_PER_HOUR, 2),
                    offeredMs == 0 ? null : round((double) bookedMs / offeredMs, 4),
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
