package io.therapyms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The chunking and the retry of unprocessed keys, against a fake store (the callers' tests use dynalite). */
class BatchReadsTest {

    private static final String TABLE = "t";

    @Test
    void readsAHundredKeysPerCallAndLeavesMissingItemsOut() {
        FakeStore store = new FakeStore(0);
        List<Map<String, AttributeValue>> keys = keys(250);
        store.absent.add(keys.get(7));

        List<Map<String, AttributeValue>> items = BatchReads.consistent(store, TABLE, keys);

        assertThat(store.calls).extracting(call -> call.requestItems().get(TABLE).keys().size())
                .containsExactly(100, 100, 50);
        assertThat(store.calls).allMatch(call -> call.requestItems().get(TABLE).consistentRead());
        assertThat(items).hasSize(249).extracting(item -> item.get("id").s())
                .doesNotContain("7").contains("0", "99", "100", "249");
    }

    @Test
    void asksAgainForTheKeysTheStoreLeftUnprocessed() {
        FakeStore store = new FakeStore(30); // answers only 30 keys a call, as a throttling store would

        List<Map<String, AttributeValue>> items = BatchReads.eventual(store, TABLE, keys(100));

        assertThat(items).hasSize(100);
        assertThat(store.calls).extracting(call -> call.requestItems().get(TABLE).keys().size())
                .containsExactly(100, 70, 40, 10);
        assertThat(store.calls).noneMatch(call -> Boolean.TRUE.equals(call.requestItems().get(TABLE).consistentRead()));
    }

    @Test
    void noKeysNoCall() {
        FakeStore store = new FakeStore(0);
        assertThat(BatchReads.consistent(store, TABLE, List.of())).isEmpty();
        assertThat(store.calls).isEmpty();
    }

    private static List<Map<String, AttributeValue>> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> Map.of("id", AttributeValue.fromS(Integer.toString(i)))).toList();
    }

    /** Answers every key it is asked for (but those in {@code absent}); with a limit, leaves the rest unprocessed. */
    private static final class FakeStore implements DynamoDbClient {
        final List<BatchGetItemRequest> calls = new ArrayList<>();
        final List<Map<String, AttributeValue>> absent = new ArrayList<>();
        private final int answeredPerCall;

        FakeStore(int answeredPerCall) {
            this.answeredPerCall = answeredPerCall;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            calls.add(request);
            KeysAndAttributes asked = request.requestItems().get(TABLE);
            int answered = answeredPerCall == 0 ? asked.keys().size() : Math.min(answeredPerCall, asked.keys().size());
            List<Map<String, AttributeValue>> found = asked.keys().subList(0, answered).stream()
                    .filter(key -> !absent.contains(key)).map(key -> (Map<String, AttributeValue>) new HashMap<>(key))
                    .toList();
            List<Map<String, AttributeValue>> left = asked.keys().subList(answered, asked.keys().size());
            return BatchGetItemResponse.builder().responses(Map.of(TABLE, found))
                    .unprocessedKeys(left.isEmpty() ? Map.of() : Map.of(TABLE, asked.toBuilder().keys(left).build()))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
