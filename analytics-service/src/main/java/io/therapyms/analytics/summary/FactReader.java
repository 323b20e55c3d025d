package io.therapyms.analytics.summary;

import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.ingest.Facts;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a therapist's facts for a range in two Queries, whatever the length of the history: the time line
 * (sessions and slots by start, requests and messages by time) between the range's bounds, plus 7 days either
 * side for reply times; and the link episodes (one item per link the therapist ever had).
 */
@Singleton
public class FactReader {

    static final Duration MARGIN = Duration.ofDays(7);

    @Inject
    Store store;

    public TherapistFacts read(String therapistId, Instant from, Instant to) {
        TherapistFacts facts = TherapistFacts.empty();
        List<Map<String, AttributeValue>> timeline = store.query(TableSpec.GSI1, Facts.timeline(therapistId),
                TimeKeys.key(from.minus(MARGIN)), TimeKeys.key(to.plus(MARGIN)) + "~");
        for (Map<String, AttributeValue> item : timeline) {
            String kind = str(item, Facts.KIND);
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case Facts.SESSION -> facts.sessions().add(new TherapistFacts.Session(time(item, "startTime"),
                        time(item, "endTime"), str(item, "status"), time(item, "cancelledAt"), str(item, "cancelledBy")));
                case Facts.SLOT -> facts.slots().add(new TherapistFacts.Slot(time(item, "startTime"), time(item, "endTime")));
                case Facts.REQUEST -> facts.requests().add(new TherapistFacts.Request(time(item, "receivedAt"),
                        str(item, "outcome"), time(item, "decidedAt")));
                case Facts.MESSAGE -> facts.messages().add(new TherapistFacts.Message(str(item, TableSpec.PK),
                        therapistId, str(item, "counterpartId"), "sent".equals(str(item, "direction")),
                        time(item, "sentAt")));
                default -> {
                    // not a time-line fact
                }
            }
        }
        for (Map<String, AttributeValue> item : store.query(TableSpec.GSI1, Facts.links(therapistId), null, null)) {
            facts.episodes().add(new TherapistFacts.Episode(therapistId, str(item, "clientId"), time(item, "linkedAt"),
                    time(item, "endedAt")));
        }
        return facts;
    }

    private static Instant time(Map<String, AttributeValue> item, String attribute) {
        return TimeKeys.parse(str(item, attribute));
    }
}
