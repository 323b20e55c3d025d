package io.therapyms.journal.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Deletes every item of one partition (or of one index partition) by Query + BatchWriteItem; idempotent. */
final class Erasure {

    private Erasure() {
    }

    static void deleteAll(DynamoDbClient dynamo, String table, String pk) {
        deleteMatching(dynamo, table, null, TableSpec.PK, pk);
    }

    static void deleteMatching(DynamoDbClient dynamo, String table, String index, String attribute, String value) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression("#a = :v").expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
                    .exclusiveStartKey(start).build());
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : response.items()) {
                deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                        TableSpec.PK, item.get(TableSpec.PK), TableSpec.SK, item.get(TableSpec.SK))).build()).build());
            }
            for (int i = 0; i < deletes.size(); i += 25) {
                List<WriteRequest> batch = deletes.subList(i, Math.min(deletes.size(), i + 25));
                Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse written = dynamo.batchWriteItem(b -> b.requestItems(request));
                    pending = written.hasUnprocessedItems() ? written.unprocessedItems() : Map.of();
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
