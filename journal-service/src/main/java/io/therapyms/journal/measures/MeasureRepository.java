package io.therapyms.journal.measures;

import static io.therapyms.platform.dynamo.Attrs.bool;
import static io.therapyms.platform.dynamo.Attrs.flag;
import static io.therapyms.platform.dynamo.Attrs.n;
import static io.therapyms.platform.dynamo.Attrs.num;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Completed questionnaires, in the journal table's client partition so that erasure ({@code ClientDeleted}) and
 * the outbox relay already cover them: pk = CLIENT#clientId, sk = MEASURE#completedAt#measureId (a time range is
 * a key condition, newest first). gsi2pk = MEASURES#clientId#instrument, gsi2sk = completedAt#measureId serves
 * the instrument filter with the same range and order. Measures are never changed or deleted by the client;
 * erasure turns one still carrying events into a content-free tombstone like an entry.
 */
@Singleton
public class MeasureRepository {

    /** Not a tombstone, and a measure (a bare key left behind by a race with the relay is none). */
    static final String VISIBLE = "attribute_not_exists(#tombstone) AND attribute_exists(measureId)";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    QueryPager pager;

    /** Stores the measure with its events (MeasureCompleted, maybe MeasureSafetyFlagged) in one conditional write. */
    public void create(String clientId, Measure measure, DomainEvent... events) {
        dynamo.putItem(p -> p.tableName(table())
                .item(outbox.withEvents(toItem(clientId, measure), events))
                .conditionExpression("attribute_not_exists(pk)"));
        outbox.flushSoon();
    }

    /** A page of the client's measures completed in [from, to] (either open), newest first; instrument may be null. */
    public Page<Measure> page(String clientId, Instrument instrument, Instant from, Instant to, PageRequest page,
            String scope) {
        return pager.page(query(clientId, instrument, from, to), page, scope, MeasureRepository::toMeasure);
    }

    /** Every measure of the client, newest first (the client's export). */
    public List<Measure> all(String clientId) {
        return pager.all(query(clientId, null, null, null)).stream().map(MeasureRepository::toMeasure).toList();
    }

    private QueryRequest query(String clientId, Instrument instrument, Instant from, Instant to) {
        String low = from == null ? "" : SortableTime.millis(from);
        String high = to == null ? "~" : SortableTime.millis(to) + "#~";
        Map<String, AttributeValue> values = new HashMap<>();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table()).scanIndexForward(false)
                .filterExpression(VISIBLE)
                .expressionAttributeNames(Map.of("#tombstone", OutboxAttributes.DELETE_WHEN_SENT));
        if (instrument == null) {
            values.put(":pk", s("CLIENT#" + clientId));
            values.put(":from", s("MEASURE#" + low));
            values.put(":to", s("MEASURE#" + high));
            query.keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to");
        } else {
            values.put(":pk", s(instrumentKey(clientId, instrument)));
            values.put(":from", s(low));
            values.put(":to", s(high));
            query.indexName(TableSpec.GSI2).keyConditionExpression("gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to");
        }
        return query.expressionAttributeValues(values).build();
    }

    private static String instrumentKey(String clientId, Instrument instrument) {
        return "MEASURES#" + clientId + "#" + instrument.wireName();
    }

    static Map<String, AttributeValue> toItem(String clientId, Measure m) {
        Instrument instrument = Instrument.of(m.instrument()).orElseThrow();
        String at = SortableTime.millis(m.completedAt());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s("CLIENT#" + clientId));
        item.put(TableSpec.SK, s("MEASURE#" + at + "#" + m.measureId()));
        item.put(TableSpec.GSI2_PK, s(instrumentKey(clientId, instrument)));
        item.put(TableSpec.GSI2_SK, s(at + "#" + m.measureId()));
        item.put("measureId", s(m.measureId()));
        item.put("clientId", s(clientId));
        item.put("instrument", s(m.instrument()));
        item.put("answers", AttributeValue.fromL(m.answers().stream().map(a -> n(a)).toList()));
        item.put("score", n(m.score()));
        item.put("severity", s(m.severity().wireName()));
        item.put("completedAt", s(at));
        item.put("safetyFollowUp", bool(m.safetyFollowUp()));
        return item;
    }

    static Measure toMeasure(Map<String, AttributeValue> i) {
        List<Integer> answers = i.get("answers").l().stream().map(v -> Integer.parseInt(v.n())).toList();
        return new Measure(str(i, "measureId"), str(i, "instrument"), answers, (int) num(i, "score"),
                Severity.stored(str(i, "severity")), InstantText.parse(str(i, "completedAt")), flag(i, "safetyFollowUp"));
    }

    private String table() {
        return config.prefixed(JournalTables.MAIN);
    }
}
