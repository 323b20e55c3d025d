package io.therapyms.scheduling.config;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Queries on the scheduling table: one signed page for a list endpoint, or every item of a key range
 * for a reaction. Never a Scan.
 */
@Singleton
public class QueryPages {

    /** A page reads at most this many Query rounds of {@code limit} items when a status filter thins them. */
    static final int MAX_ROUNDS = 5;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

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
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        List<T> items = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && items.size() < page.limit(); round++) {
            QueryResponse response = dynamo.query(query.toBuilder().limit(page.limit() - items.size())
                    .exclusiveStartKey(start).build());
            response.items().forEach(item -> items.add(mapper.apply(item)));
            start = lastKey(response);
            if (start == null) {
                break;
            }
        }
        return new Page<>(items, cursors.encode(start, scope));
    }

    /** Every item the Query matches, read page by page (reactions to events, checks on a small key range). */
    public List<Map<String, AttributeValue>> all(QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(query.toBuilder().exclusiveStartKey(start).build());
            items.addAll(response.items());
            start = lastKey(response);
        } while (start != null);
        return items;
    }

    private static Map<String, AttributeValue> lastKey(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
    }
}
