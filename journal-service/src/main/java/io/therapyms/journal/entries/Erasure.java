package io.therapyms.journal.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Erasure by Query (never Scan) over one partition, or one index partition; every step is idempotent. */
final class Erasure {

    private Erasure() {
    }

    /** Batch-deletes every item of the partition. Only for items that never carry outbox events. */
    static void deleteAll(DynamoDbClient dynamo, String table, String pk) {
        deleteMatching(dynamo, table, null, TableSpec.PK, pk);
    }

    /** Batch-deletes every item whose {@code attribute} is {@code value}. Only for items that never carry outbox events. */
    static void deleteMatching(DynamoDbClient dynamo, String table, String index, String attribute, String value) {
        forEachPage(dynamo, table, index, attribute, value, items -> batchDelete(dynamo, table, items));
    }

    /** Hands every item whose {@code attribute} is {@code value} (all attributes, from the table or an ALL index) to {@code action}. */
    static void forEachItem(DynamoDbClient dynamo, String table, String index, String attribute, String value,
            Consumer<Map<String, AttributeValue>> action) {
        forEachPage(dynamo, table, index, attribute, value, items -> items.forEach(action));
    }

    private static void forEachPage(DynamoDbClient dynamo, String table, String index, String attribute,
            String value, Consumer<List<Map<String, AttributeValue>>> action) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression("#a = :v").expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
                    .exclusiveStartKey(start).build());
            action.accept(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static void batchDelete(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                    TableSpec.PK, item.get(TableSpec.PK), TableSpec.SK, item.get(TableSpec.SK))).build()).build());
        }
        for (int i = 0; i < deletes.size(); i += 25) {
            Map<String, List<WriteRequest>> pending = Map.of(table, deletes.subList(i, Math.min(deletes.size(), i + 25)));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse written = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = written.hasUnprocessedItems() ? written.unprocessedItems() : Map.of();
            }
        }
    }
}
