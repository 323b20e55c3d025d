package io.therapyms.platform.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Pages of a Query for list endpoints, and whole key ranges for reactions. A filter expression (or a
 * mapper that drops items) applies after {@code Limit}, so one Query round may come back short: a
 * page keeps querying for the rest until it is full, the key range ends, or {@code maxRounds} is
 * reached (a short page with a cursor is then a valid answer). Never a Scan.
 */
@Singleton
public class QueryPager {

    /** Rounds a page may take when filters thin it; bounds the work of one request. */
    public static final int DEFAULT_MAX_ROUNDS = 5;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PageCursors cursors;

    /**
     * Up to {@code page.limit()} items and the cursor to go on, signed for {@code scope} (any other
     * cursor is a 400). {@code mapper} may return null to leave an item out (a tombstone).
     */
    public <T> Page<T> page(QueryRequest query, PageRequest page, String scope, int maxRounds,
            Function<Map<String, AttributeValue>, T> mapper) {
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), scope);
        List<T> items = new ArrayList<>();
        for (int round = 0; round < maxRounds && items.size() < page.limit(); round++) {
            QueryResponse response = dynamo.query(query.toBuilder().limit(page.limit() - items.size())
                    .exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : response.items()) {
                T mapped = mapper.apply(item);
                if (mapped != null) {
                    items.add(mapped);
                }
            }
            start = lastKey(response);
            if (start == null) {
                break;
            }
        }
        return new Page<>(items, cursors.encode(start, scope));
    }

    public <T> Page<T> page(QueryRequest query, PageRequest page, String scope,
            Function<Map<String, AttributeValue>, T> mapper) {
        return page(query, page, scope, DEFAULT_MAX_ROUNDS, mapper);
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

    /** The key to go on from, or null when the Query reached the end of its key range. */
    public static Map<String, AttributeValue> lastKey(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
    }
}
