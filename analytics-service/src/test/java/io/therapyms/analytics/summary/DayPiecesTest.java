package io.therapyms.analytics.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.analytics.days.Piece;
import io.therapyms.analytics.days.TherapistFacts;
import io.therapyms.analytics.ingest.Party;
import io.therapyms.analytics.ingest.RequestOutcome;
import io.therapyms.analytics.ingest.SessionStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The summary from stored day pieces (and raw facts for the UTC days a bucket edge cuts) equals a single pass over
 * every fact of the range, as the service computed it before day aggregates: random facts around the start of
 * summer time in Berlin (and in UTC, and in a half-hour zone), weeks and months, every piece through its stored form.
 */
class DayPiecesTest {

    @ParameterizedTest
    @CsvSource({"Europe/Berlin,week,1", "Europe/Berlin,month,2", "UTC,week,3", "Asia/Kolkata,week,4",
            "America/New_York,month,5", "Europe/Berlin,week,6"})
    void piecesGiveTheFiguresOfOnePassOverTheFacts(String zone, String bucket, long seed) {
        Range range = Range.parse(zone, "2027-03-01", "2027-04-30", bucket, ZoneId.of("UTC"), Instant.now());
        List<Instant> boundaries = range.boundaries();
        TherapistFacts facts = randomFacts(new Random(seed), range.from().minus(Duration.ofDays(10)),
                range.to().plus(Duration.ofDays(10)));

        Map<String, Piece> stored = new HashMap<>();
        for (Instant day = DayAggregates.start(DayAggregates.day(FactReader.windowStart(boundaries)));
                day.isBefore(FactReader.windowEnd(boundaries)); day = day.plus(Duration.ofDays(1))) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>(
                    Piece.of(facts, day, day.plus(Duration.ofDays(1))).attributes());
            stored.put(DayAggregates.day(day), Piece.from(item));
        }
        List<Figures.Segment> segments = FactReader.segments(boundaries, stored, day -> facts);
        Figures.Computed fromDays = Figures.compute(boundaries, List.of(new Figures.Timeline("t", segments, List.of())));

        Reference reference = new Reference(boundaries, facts);
        for (int b = 0; b < boundaries.size() - 1; b++) {
            assertThat(summary(fromDays.buckets().get(b))).as(zone + " bucket " + boundaries.get(b))
                    .isEqualTo(reference.figures(b));
        }
        assertThat(fromDays.totals().messages().medianMinutesToFirstReply()).as("some replies are counted").isNotNull();
    }

    private static TherapistFacts randomFacts(Random random, Instant from, Instant to) {
        TherapistFacts facts = TherapistFacts.empty();
        long span = Duration.between(from, to).toMinutes();
        List<String> statuses = List.of("scheduled", "completed", "no_show", "cancelled");
        for (int i = 0; i < 150; i++) {
            Instant start = from.plus(Duration.ofMinutes(random.nextLong(span)));
            Instant end = start.plus(Duration.ofMinutes(30 + random.nextInt(60)));
            facts.slots().add(new TherapistFacts.Slot(start, end));
            String status = statuses.get(random.nextInt(statuses.size()));
            Instant cancelledAt = status.equals("cancelled") ? start.minus(Duration.ofMinutes(random.nextInt(3000))) : null;
            facts.sessions().add(new TherapistFacts.Session(start, end, SessionStatus.fromWire(status), cancelledAt,
                    random.nextBoolean() ? Party.CLIENT : random.nextBoolean() ? Party.THERAPIST : null));
            Instant received = start.minus(Duration.ofMinutes(random.nextInt(5000)));
            List<String> outcomes = new ArrayList<>(List.of("approved", "rejected", "cancelled"));
            outcomes.add(null);
            facts.requests().add(new TherapistFacts.Request(received, RequestOutcome.fromWire(outcomes.get(random.nextInt(4))),
                    received.plus(Duration.ofSeconds(random.nextInt(90_000)))));
        }
        for (int i = 0; i < 600; i++) {
            Instant at = from.plus(Duration.ofSeconds(random.nextLong(span * 60))).plusNanos(random.nextInt(1000));
            facts.messages().add(new TherapistFacts.Message("MSG#" + i, "c" + random.nextInt(4), random.nextInt(3) == 0, at));
        }
        return facts;
    }

    /** Only what the figures say, as text: equal figures, equal text. */
    private static String summary(Figures f) {
        return f.sessions() + " " + f.attendanceRate() + " " + f.offeredHours() + " " + f.bookedHours() + " "
                + f.utilisation() + " " + f.requests() + " " + f.messages();
    }

    /** The figures from one pass over the facts of the range and its 7-day margins, without any day piece. */
    private static final class Reference {
        final List<Instant> boundaries;
        final TherapistFacts facts;
        final Map<Integer, List<Double>> replies = new LinkedHashMap<>();

        Reference(List<Instant> boundaries, TherapistFacts facts) {
            this.boundaries = boundaries;
            this.facts = facts;
            Instant windowStart = boundaries.get(0).minus(Duration.ofDays(7));
            Instant deadline = boundaries.get(boundaries.size() - 1).plus(Duration.ofDays(7));
            Map<String, List<TherapistFacts.Message>> conversations = new HashMap<>();
            for (TherapistFacts.Message m : facts.messages()) {
                if (!m.at().isBefore(windowStart) && m.at().isBefore(deadline)) {
                    conversations.computeIfAbsent(m.counterpartId(), k -> new ArrayList<>()).add(m);
                }
            }
            for (List<TherapistFacts.Message> conversation : conversations.values()) {
                conversation.sort(Comparator.comparing(TherapistFacts.Message::at).thenComparing(TherapistFacts.Message::id));
                Instant waiting = null;
                for (TherapistFacts.Message m : conversation) {
                    if (!m.sent() && waiting == null) {
                        waiting = m.at();
                    } else if (m.sent() && waiting != null) {
                        int b = Figures.bucketOf(boundaries, waiting);
                        if (b >= 0) {
                            replies.computeIfAbsent(b, k -> new ArrayList<>())
                                    .add(Duration.between(waiting, m.at()).toMillis() / 60_000.0);
                        }
                        waiting = null;
                    }
                }
            }
        }

        String figures(int b) {
            int scheduled = 0, completed = 0, noShow = 0, byClient = 0, byTherapist = 0, late = 0;
            double booked = 0, offered = 0;
            for (TherapistFacts.Session s : facts.sessions()) {
                if (Figures.bucketOf(boundaries, s.start()) != b) {
                    continue;
                }
                switch (s.status().wire()) {
                    case "scheduled" -> scheduled++;
                    case "completed" -> completed++;
                    case "no_show" -> noShow++;
                    default -> {
                        byClient += s.cancelledBy() == Party.CLIENT ? 1 : 0;
                        byTherapist += s.cancelledBy() == Party.THERAPIST ? 1 : 0;
                        late += s.cancelledAt().isAfter(s.start().minus(Duration.ofHours(24))) ? 1 : 0;
                    }
                }
                if (s.status() != SessionStatus.CANCELLED) {
                    booked += Duration.between(s.start(), s.end()).toMillis() / 3_600_000.0;
                }
            }
            for (TherapistFacts.Slot slot : facts.slots()) {
                if (Figures.bucketOf(boundaries, slot.start()) == b) {
                    offered += Duration.between(slot.start(), slot.end()).toMillis() / 3_600_000.0;
                }
            }
            int received = 0, approved = 0, rejected = 0, cancelled = 0;
            List<Double> decisions = new ArrayList<>();
            for (TherapistFacts.Request r : facts.requests()) {
                if (Figures.bucketOf(boundaries, r.receivedAt()) != b) {
                    continue;
                }
                received++;
                if (r.outcome() == null) {
                    continue;
                }
                switch (r.outcome().wire()) {
                    case "approved" -> approved++;
                    case "rejected" -> rejected++;
                    default -> cancelled++;
                }
                if (r.outcome() != RequestOutcome.CANCELLED) {
                    decisions.add(Duration.between(r.receivedAt(), r.decidedAt()).toMillis() / 3_600_000.0);
                }
            }
            int in = 0, out = 0;
            for (TherapistFacts.Message m : facts.messages()) {
                if (Figures.bucketOf(boundaries, m.at()) == b) {
                    if (m.sent()) {
                        out++;
                    } else {
                        in++;
                    }
                }
            }
            Figures f = new Figures(new Figures.Sessions(scheduled, completed, byClient, byTherapist, late, noShow),
                    completed + noShow == 0 ? null : Figures.round((double) completed / (completed + noShow), 4),
                    Figures.round(offered, 2), Figures.round(booked, 2),
                    offered == 0 ? null : Figures.round(booked / offered, 4),
                    new Figures.Requests(received, approved, rejected, cancelled, Figures.median(decisions)),
                    new Figures.Caseload(0, 0, 0),
                    new Figures.Messages(in, out, Figures.median(replies.getOrDefault(b, List.of()))));
            return summary(f);
        }
    }
}
