package io.therapyms.platform.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Items of one table by key in as few BatchGetItem calls as the store allows: one per 100 keys (its limit), repeated
 * with a growing pause for any keys the store left unprocessed (it is throttling). Items that do not exist are absent
 * from the answer, which is in no particular order.
 */
public final class BatchReads {

    /** DynamoDB's limit of keys per BatchGetItem. */
    static final int MAX_KEYS = 100;

    private BatchReads() {
    }

    /** Reads consistently, as a GetItem with {@code consistentRead(true)} would. The keys must be distinct. */
    public static List<Map<String, AttributeValue>> consistent(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> keys) {
        return read(dynamo, table, keys, true);
    }

    /** Eventually consistent reads, for projections where a moment's staleness does no harm. Keys must be distinct. */
    public static List<Map<String, AttributeValue>> eventual(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> keys) {
        return read(dynamo, table, keys, false);
    }

    private static List<Map<String, AttributeValue>> read(DynamoDbClient dynamo, String table,
            List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS))).consistentRead(consistent).build());
            for (int attempt = 0; request != null && !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(Math.min(1000, 25L << Math.min(attempt, 6)));
                }
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            }
        }
        return found;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store throttled a batch read", e);
        }
    }
}
