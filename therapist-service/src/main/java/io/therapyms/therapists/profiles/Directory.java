package io.therapyms.therapists.profiles;

import static io.therapyms.platform.dynamo.Attrs.n;
import static io.therapyms.platform.dynamo.Attrs.s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The therapist directory, served only by Queries on {@code gsi1}:
 * <pre>
 * by expertise: pk = THERAPIST#&lt;id&gt; sk = DIR#EXP#&lt;expertise&gt;  gsi1pk = EXP#&lt;expertise&gt;#&lt;verified&gt;
 * by location:  pk = THERAPIST#&lt;id&gt; sk = DIR#LOC                gsi1pk = LOC#&lt;location&gt;#&lt;verified&gt;
 * by name / all: the profile item itself                          gsi1pk = NAME#&lt;verified&gt;
 * </pre>
 * Every entry has {@code gsi1sk = <lower name>#<id>}, so {@code ?q=} is a {@code begins_with} on
 * the sort key of whichever index is queried. Entries copy the public fields and the profile's
 * version; they are rewritten after each profile change and never overwrite a newer version.
 */
@Singleton
public class Directory {

    /** How many Query rounds one page may take when filter expressions drop entries. */
    static final int MAX_ROUNDS = QueryPager.DEFAULT_MAX_ROUNDS;

    public record Filter(String expertise, String location, String q, boolean acceptingOnly, boolean verified) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TherapistRepository profiles;

    @Inject
    QueryPager pager;

    public static String normalize(String text) {
        return text == null ? null : text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Writes the directory entries of {@code t} and removes the ones it no longer has. */
    public void sync(Therapist t) {
        Map<String, Map<String, AttributeValue>> desired = entries(t);
        for (Map<String, AttributeValue> item : desired.values()) {
            try {
                dynamo.putItem(p -> p.tableName(profiles.table()).item(item)
                        .conditionExpression("attribute_not_exists(pk) OR version <= :v")
                        .expressionAttributeValues(Map.of(":v", n(t.version()))));
            } catch (ConditionalCheckFailedException newerAlreadyThere) {
                // a later change of the profile wrote its own entries; keep them
            }
        }
        for (String sk : existingEntries(t.therapistId())) {
            if (!desired.containsKey(sk)) {
                try {
                    dynamo.deleteItem(d -> d.tableName(profiles.table()).key(entryKey(t.therapistId(), sk))
                            .conditionExpression("version <= :v")
                            .expressionAttributeValues(Map.of(":v", n(t.version()))));
                } catch (ConditionalCheckFailedException newerAlreadyThere) {
                    // written by a later change: not ours to remove
                }
            }
        }
    }

    /** Every item a therapist has: the profile and its directory entries (for bulk loading in tests). */
    static List<Map<String, AttributeValue>> allItems(Therapist t) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(TherapistRepository.toItem(t));
        items.addAll(entries(t).values());
        return items;
    }

    private static Map<String, Map<String, AttributeValue>> entries(Therapist t) {
        Map<String, Map<String, AttributeValue>> desired = new LinkedHashMap<>();
        for (String expertise : t.expertise()) {
            String e = normalize(expertise);
            desired.put("DIR#EXP#" + e, entry(t, "DIR#EXP#" + e, "EXP#" + e + "#" + t.verified()));
        }
        desired.put("DIR#LOC", entry(t, "DIR#LOC", "LOC#" + normalize(t.location()) + "#" + t.verified()));
        return desired;
    }

    /** Removes every directory entry of a deleted therapist. */
    public void remove(String therapistId) {
        for (String sk : existingEntries(therapistId)) {
            dynamo.deleteItem(d -> d.tableName(profiles.table()).key(entryKey(therapistId, sk)));
        }
    }

    /** One page of the directory; the index is picked from the most selective filter. */
    public Page<Therapist> search(Filter filter, PageRequest page) {
        String partition;
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        if (filter.expertise() != null) {
            partition = "EXP#" + normalize(filter.expertise()) + "#" + filter.verified();
            if (filter.location() != null) {
                values.put(":location", s(normalize(filter.location())));
                filters.add("locationKey = :location");
            }
        } else if (filter.location() != null) {
            partition = "LOC#" + normalize(filter.location()) + "#" + filter.verified();
        } else {
            partition = TherapistRepository.namePartition(filter.verified());
        }
        if (filter.acceptingOnly()) {
            values.put(":accepting", AttributeValue.fromBool(true));
            filters.add("acceptingClients = :accepting");
        }
        values.put(":pk", s(partition));
        String keyCondition = "gsi1pk = :pk";
        if (filter.q() != null && !filter.q().isBlank()) {
            values.put(":q", s(normalize(filter.q())));
            keyCondition += " AND begins_with(gsi1sk, :q)";
        }
        String scope = "therapists:directory:" + partition + ":" + normalize(filter.q()) + ":"
                + (filter.expertise() != null ? filter.location() : "") + ":" + filter.acceptingOnly();
        QueryRequest.Builder query = QueryRequest.builder().tableName(profiles.table()).indexName(TableSpec.GSI1)
                .keyConditionExpression(keyCondition).expressionAttributeValues(values);
        if (!names.isEmpty()) {
            query.expressionAttributeNames(names);
        }
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        return pager.page(query.build(), page, scope, MAX_ROUNDS,
                item -> Outbox.isTombstone(item) ? null : TherapistRepository.fromItem(item));
    }

    private List<String> existingEntries(String therapistId) {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = dynamo.query(q -> q.tableName(profiles.table())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :dir)")
                    .expressionAttributeValues(Map.of(":pk", s(TherapistRepository.pk(therapistId)), ":dir", s("DIR#")))
                    .projectionExpression("sk")
                    .consistentRead(true)
                    .exclusiveStartKey(from));
            response.items().forEach(item -> keys.add(item.get("sk").s()));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private static Map<String, AttributeValue> entry(Therapist t, String sk, String gsiPartition) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s(TherapistRepository.pk(t.therapistId())));
        item.put(TableSpec.SK, s(sk));
        item.put(TableSpec.GSI1_PK, s(gsiPartition));
        item.put(TableSpec.GSI1_SK, s(TherapistRepository.sortKey(t)));
        TherapistRepository.putFields(item, t);
        return item;
    }

    private static Map<String, AttributeValue> entryKey(String therapistId, String sk) {
        return Map.of(TableSpec.PK, s(TherapistRepository.pk(therapistId)), TableSpec.SK, s(sk));
    }
}
