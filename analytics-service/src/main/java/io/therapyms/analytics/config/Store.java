package io.therapyms.analytics.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.BatchReads;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The analytics table: item keys, conditional updates that may lose to a newer event, and Queries read through
 * platform's {@link QueryPager}. Never a Scan.
 */
@Singleton
public class Store {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    QueryPager pager;

    public String table() {
        return config.prefixed(AnalyticsTables.MAIN);
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(pk), TableSpec.SK, AttributeValue.fromS(sk));
    }

    public Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(pk, sk))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * The items of these keys that exist, read consistently like {@link #get}, in one BatchGetItem per 100 keys
     * (repeated for any the store left unprocessed) instead of one GetItem each. The keys must be distinct.
     */
    public List<Map<String, AttributeValue>> getAll(Collection<Map<String, AttributeValue>> keys) {
        return BatchReads.consistent(dynamo, table(), List.copyOf(keys));
    }

    public void update(String pk, String sk, Consumer<UpdateItemRequest.Builder> request) {
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder().tableName(table()).key(key(pk, sk));
        request.accept(builder);
        dynamo.updateItem(builder.build());
    }

    /** An update guarded by a condition; false when a newer (or the same) fact is already there. */
    public boolean updateIf(String pk, String sk, Consumer<UpdateItemRequest.Builder> request) {
        try {
            update(pk, sk, request);
            return true;
        } catch (ConditionalCheckFailedException olderThanStored) {
            return false;
        }
    }

    public void update(String pk, String sk, Update update) {
        update(pk, sk, update::applyTo);
    }

    /** An unconditional update that returns the whole item as it is after it. */
    public Map<String, AttributeValue> updateReturning(String pk, String sk, Update update) {
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder().tableName(table()).key(key(pk, sk))
                .returnValues(ReturnValue.ALL_NEW);
        update.applyTo(builder);
        return dynamo.updateItem(builder.build()).attributes();
    }

    /** False when the condition held back the write: a newer (or the same) fact is already stored. */
    public boolean updateIf(String pk, String sk, Update update) {
        return updateIf(pk, sk, update::applyTo);
    }

    public void delete(Map<String, AttributeValue> item) {
        delete(item.get(TableSpec.PK).s(), item.get(TableSpec.SK).s());
    }

    public void delete(String pk, String sk) {
        dynamo.deleteItem(d -> d.tableName(table()).key(key(pk, sk)));
    }

    /** Every item of one index partition, optionally within a sort-key range (inclusive), read page by page. */
    public List<Map<String, AttributeValue>> query(String index, String partition, String from, String to) {
        String pkName = index == null ? TableSpec.PK : index + "pk";
        String skName = index == null ? TableSpec.SK : index + "sk";
        QueryRequest.Builder query = QueryRequest.builder().tableName(table()).indexName(index);
        if (from == null) {
            query.keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", pkName))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)));
        } else {
            query.keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", pkName, "#sk", skName))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                            ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)));
        }
        return pager.all(query.build());
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }
}
