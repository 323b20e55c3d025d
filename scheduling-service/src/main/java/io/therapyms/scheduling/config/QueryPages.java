package io.therapyms.scheduling.config;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Queries on the scheduling table, built here and read through platform's {@link QueryPager}: one
 * signed page for a list endpoint, or every item of a key range for a reaction. Never a Scan.
 */
@Singleton
public class QueryPages {

    /** A page reads at most this many Query rounds of {@code limit} items when a status filter thins them. */
    static final int MAX_ROUNDS = QueryPager.DEFAULT_MAX_ROUNDS;

    @Inject
    PlatformConfig config;

    @Inject
    QueryPager pager;

    /**
     * A Query of {@code index} (null: the table) with the key condition and its values; {@code status}
     * (optional) becomes a filter on the item's status.
     */
    public QueryRequest query(String index, String keyCondition, Map<String, AttributeValue> values, String status,
            boolean ascending) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(config.prefixed(SchedulingTables.MAIN))
                .indexName(index).keyConditionExpression(keyCondition).scanIndexForward(ascending);
        if (status == null) {
            return query.expressionAttributeValues(values).build();
        }
        return query.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(merge(values, Map.of(":status", s(status)))).build();
    }

    /** Up to {@code page.limit()} items and the cursor to go on, signed for {@code scope}: any other cursor is 400. */
    public <T> Page<T> page(QueryRequest query, PageRequest page, String scope,
            Function<Map<String, AttributeValue>, T> mapper) {
        return pager.page(query, page, scope, MAX_ROUNDS, mapper);
    }

    /** Every item the Query matches, read page by page (reactions to events, checks on a small key range). */
    public List<Map<String, AttributeValue>> all(QueryRequest query) {
        return pager.all(query);
    }
}
