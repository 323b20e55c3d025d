package io.therapyms.analytics.summary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.therapyms.analytics.access.AnalyticsPolicy;
import io.therapyms.analytics.ingest.People;
import io.therapyms.platform.security.Caller;

/**
 * A therapist's summary: their facts around the range, bucketed in the time zone asked for, else in the one their
 * profile names (TherapistProfileCreated/Updated), else in UTC.
 */
@Singleton
public class SummaryService {

    /**
     * For a profile that names no zone. The zone is applied when reading, so a zone named later (or changed)
     * buckets the whole history at once, with no rebuild.
     */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    public record Bucket(String start, @JsonUnwrapped Figures figures) {
    }

    public record Summary(String therapistId, String timezone, Instant asOf, String bucket, Instant from, Instant to,
            List<Bucket> buckets, Figures totals) {
    }

    @Inject
    Clock clock;

    @Inject
    AnalyticsPolicy policy;

    @Inject
    FactReader reader;

    @Inject
    People people;

    public Summary summary(Caller caller, String therapistId, String timezone, String from, String to, String bucket) {
        policy.mayReadTherapist(caller, therapistId);
        Range range = Range.parse(timezone, from, to, bucket,
                timezone == null ? profileZone(therapistId) : DEFAULT_ZONE, clock.instant());
        Figures.Computed computed = Figures.compute(range.boundaries(), List.of(reader.read(therapistId, range.boundaries())));
        return new Summary(therapistId, range.zone().getId(), people.asOf(therapistId).orElse(null), range.bucket(),
                range.from(), range.to(), buckets(range, computed), computed.totals());
    }

    /** Only read when the caller names no zone; a zone the JDK no longer knows falls back to UTC. */
    private ZoneId profileZone(String therapistId) {
        return people.therapistZone(therapistId).filter(ZoneId.getAvailableZoneIds()::contains).map(ZoneId::of)
                .orElse(DEFAULT_ZONE);
    }

    static List<Bucket> buckets(Range range, Figures.Computed computed) {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < computed.buckets().size(); i++) {
            buckets.add(new Bucket(range.boundaries().get(i).toString(), computed.buckets().get(i)));
        }
        return buckets;
    }
}
