package io.therapyms.analytics.practice;

import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.access.AnalyticsPolicy;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.ingest.People;
import io.therapyms.analytics.summary.Figures;
import io.therapyms.analytics.summary.FactReader;
import io.therapyms.analytics.summary.Range;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.security.Caller;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The practice: every therapist's facts together (medians over all of them, not medians of medians), per bucket
 * in UTC unless a zone is named, and each therapist's utilisation. Counts only: no client rows or ids. The
 * therapists come from one index partition; each adds the two Queries of its summary.
 */
@Singleton
public class PracticeService {

    public record TherapistUtilisation(String therapistId, String name, double offeredHours, double bookedHours,
            Double utilisation) {
    }

    public record Practice(String timezone, Instant asOf, String bucket, Instant from, Instant to,
            List<io.therapyms.analytics.summary.SummaryService.Bucket> buckets, Figures totals,
            List<TherapistUtilisation> therapists) {
    }

    @Inject
    Clock clock;

    @Inject
    AnalyticsPolicy policy;

    @Inject
    Store store;

    @Inject
    FactReader reader;

    @Inject
    People people;

    public Practice practice(Caller caller, String timezone, String from, String to, String bucket) {
        policy.mayReadPractice(caller);
        Range range = Range.parse(timezone, from, to, bucket, ZoneId.of("UTC"), clock.instant());
        List<Figures.Timeline> all = new ArrayList<>();
        List<TherapistUtilisation> therapists = new ArrayList<>();
        for (Map<String, AttributeValue> therapist : store.query(TableSpec.GSI1, "THERS", null, null)) {
            String therapistId = str(therapist, TableSpec.GSI1_SK);
            Figures.Timeline timeline = reader.read(therapistId, range.boundaries());
            Figures totals = Figures.compute(range.boundaries(), List.of(timeline)).totals();
            therapists.add(new TherapistUtilisation(therapistId, str(therapist, "name"), totals.offeredHours(),
                    totals.bookedHours(), totals.utilisation()));
            all.add(timeline);
        }
        Figures.Computed computed = Figures.compute(range.boundaries(), all);
        List<io.therapyms.analytics.summary.SummaryService.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < computed.buckets().size(); i++) {
            buckets.add(new io.therapyms.analytics.summary.SummaryService.Bucket(range.boundaries().get(i).toString(),
                    computed.buckets().get(i)));
        }
        return new Practice(range.zone().getId(), people.asOf(People.ALL).orElse(null), range.bucket(), range.from(),
                range.to(), buckets, computed.totals(), therapists);
    }
}
