package io.therapyms.analytics.summary;

import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.analytics.days.Piece;
import io.therapyms.analytics.days.TherapistFacts;
import io.therapyms.analytics.days.TimelineItems;
import io.therapyms.analytics.ingest.Facts;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads what a therapist's figures for a range need, in a number of Queries bounded by the number of buckets,
 * whatever the activity: the day aggregates of the range plus 7 days either side (for reply times) in one Query;
 * for each UTC day that a bucket's edge cuts (a zone other than UTC), that day's facts, split at the edge; and the
 * link episodes (one item per link the therapist ever had).
 */
@Singleton
public class FactReader {

    static final Duration MARGIN = Duration.ofDays(7);
    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    Store store;

    @Inject
    DayAggregates days;

    public Figures.Timeline read(String therapistId, List<Instant> boundaries) {
        Map<String, Piece> stored = days.read(therapistId, DayAggregates.day(windowStart(boundaries)),
                DayAggregates.day(windowEnd(boundaries).minusNanos(1)));
        List<Figures.Segment> segments = segments(boundaries, stored, dayStart -> TimelineItems.parse(store.query(
                TableSpec.GSI1, Facts.timeline(therapistId), TimeKeys.key(dayStart), TimeKeys.key(dayStart.plus(DAY)))));
        List<TherapistFacts.Episode> episodes = new ArrayList<>();
        for (Map<String, AttributeValue> item : store.query(TableSpec.GSI1, Facts.links(therapistId), null, null)) {
            episodes.add(new TherapistFacts.Episode(therapistId, str(item, "clientId"),
                    TimelineItems.time(item, "linkedAt"), TimelineItems.time(item, "endedAt")));
        }
        return new Figures.Timeline(therapistId, segments, episodes);
    }

    static Instant windowStart(List<Instant> boundaries) {
        return boundaries.get(0).minus(MARGIN);
    }

    static Instant windowEnd(List<Instant> boundaries) {
        return boundaries.get(boundaries.size() - 1).plus(MARGIN);
    }

    /**
     * The window's stretches in time order: each whole UTC day from its stored piece; each day that an edge (a
     * bucket's, or the window's) cuts, from its facts ({@code dayFacts}, by the day's start), split at the edges.
     */
    static List<Figures.Segment> segments(List<Instant> boundaries, Map<String, Piece> stored,
            Function<Instant, TherapistFacts> dayFacts) {
        Instant windowStart = windowStart(boundaries);
        Instant windowEnd = windowEnd(boundaries);
        NavigableSet<Instant> cuts = new TreeSet<>(boundaries);
        cuts.add(windowStart);
        cuts.add(windowEnd);
        List<Figures.Segment> segments = new ArrayList<>();
        for (Instant dayStart = DayAggregates.start(DayAggregates.day(windowStart)); dayStart.isBefore(windowEnd);
                dayStart = dayStart.plus(DAY)) {
            Instant dayEnd = dayStart.plus(DAY);
            NavigableSet<Instant> inside = cuts.subSet(dayStart, false, dayEnd, false);
            if (inside.isEmpty()) {
                Piece piece = stored.get(DayAggregates.day(dayStart));
                if (piece != null) {
                    segments.add(new Figures.Segment(Figures.bucketOf(boundaries, dayStart), piece));
                }
                continue;
            }
            // An edge inside this UTC day: its aggregate cannot be split, its facts can.
            TherapistFacts facts = dayFacts.apply(dayStart);
            List<Instant> points = new ArrayList<>();
            points.add(dayStart);
            points.addAll(inside);
            points.add(dayEnd);
            for (int i = 0; i + 1 < points.size(); i++) {
                Instant from = points.get(i);
                Instant to = points.get(i + 1);
                if (!from.isBefore(windowStart) && !to.isAfter(windowEnd)) {
                    segments.add(new Figures.Segment(Figures.bucketOf(boundaries, from), Piece.of(facts, from, to)));
                }
            }
        }
        return segments;
    }
}
