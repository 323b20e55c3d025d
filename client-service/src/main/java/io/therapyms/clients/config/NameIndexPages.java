package io.therapyms.clients.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One page of a gsi1 partition whose sort key starts with a lower-cased name (the admin directory
 * and a therapist's linked clients), optionally narrowed to a name prefix: a Query, never a Scan.
 * The cursor is signed for {@code scope} plus the prefix, so it only continues the same list.
 */
@Singleton
public class NameIndexPages {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    public Page<Map<String, AttributeValue>> page(String partition, String namePrefix, PageRequest page, String scope) {
        String fullScope = scope + ":" + namePrefix;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":partition", AttributeValue.fromS(partition));
        String condition = "gsi1pk = :partition";
        if (!namePrefix.isEmpty()) {
            condition += " AND begins_with(gsi1sk, :prefix)";
            values.put(":prefix", AttributeValue.fromS(namePrefix));
        }
        String keyCondition = condition;
        Map<String, AttributeValue> start = cursors.decode(page.cursor(), fullScope);
        QueryResponse response = dynamo.query(q -> q.tableName(config.prefixed(ClientTables.MAIN))
                .indexName(TableSpec.GSI1)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .exclusiveStartKey(start)
                .limit(page.limit()));
        List<Map<String, AttributeValue>> items = response.items();
        return new Page<>(items, cursors.encode(response.lastEvaluatedKey(), fullScope));
    }
}
