package io.therapyms.analytics.days;

import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.ingest.Facts;
import io.therapyms.analytics.ingest.Party;
import io.therapyms.analytics.ingest.RequestOutcome;
import io.therapyms.analytics.ingest.SessionStatus;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of a user's time line (index gsi1, T#userId) as facts: the one reading both the summary and a day's recompute use. */
public final class TimelineItems {

    private TimelineItems() {
    }

    public static TherapistFacts parse(List<Map<String, AttributeValue>> items) {
        TherapistFacts facts = TherapistFacts.empty();
        for (Map<String, AttributeValue> item : items) {
            String kind = str(item, Facts.KIND);
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case Facts.SESSION -> facts.sessions().add(new TherapistFacts.Session(time(item, "startTime"),
                        time(item, "endTime"), SessionStatus.fromWire(str(item, "status")), time(item, "cancelledAt"),
                        Party.fromWire(str(item, "cancelledBy"))));
                case Facts.SLOT -> facts.slots().add(new TherapistFacts.Slot(time(item, "startTime"), time(item, "endTime")));
                case Facts.REQUEST -> facts.requests().add(new TherapistFacts.Request(time(item, "receivedAt"),
                        RequestOutcome.fromWire(str(item, "outcome")), time(item, "decidedAt")));
                case Facts.MESSAGE -> facts.messages().add(new TherapistFacts.Message(str(item, TableSpec.PK),
                        str(item, "counterpartId"), "sent".equals(str(item, "direction")), time(item, "sentAt")));
                default -> {
                    // not a time-line fact
                }
            }
        }
        return facts;
    }

    public static Instant time(Map<String, AttributeValue> item, String attribute) {
        return TimeKeys.parse(str(item, attribute));
    }
}
