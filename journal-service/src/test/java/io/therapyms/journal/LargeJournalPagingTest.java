package io.therapyms.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.journal.config.JournalTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A page of a 5,000-entry journal reads exactly one page of items, as for a 50-entry one. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LargeJournalPagingTest extends JournalTestSupport {

    @Test
    void aPageOfALargeJournalReadsOnlyThatPageWhateverTheRange() {
        String client = id("client");
        seed(client, 5_000);
        as(client, "client").queryParam("limit", 20).get("/api/journals/" + client).then().statusCode(200)
                .body("items", hasSize(20));
        assertThat(lastListQuery(client).scannedCount()).isEqualTo(20);
        // a range deep in the past is a key condition too: still 20 items read, not thousands
        as(client, "client").queryParam("limit", 20).queryParam("to", "2020-01-02T00:00:00Z")
                .get("/api/journals/" + client).then().statusCode(200).body("items", hasSize(20));
        DynamoCallRecorder.Call ranged = lastListQuery(client);
        assertThat(ranged.keyCondition()).contains("sk BETWEEN");
        assertThat(ranged.scannedCount()).isEqualTo(20);
        assertThat(DynamoCallRecorder.calls()).noneMatch(c -> "Scan".equals(c.operation()));
    }

    private DynamoCallRecorder.Call lastListQuery(String client) {
        List<DynamoCallRecorder.Call> calls = DynamoCallRecorder.calls().stream()
                .filter(c -> "Query".equals(c.operation()) && ("CLIENT#" + client).equals(c.partition())).toList();
        return calls.get(calls.size() - 1);
    }

    /** Writes entries one minute apart from 2020-01-01, straight into the table (BatchWriteItem). */
    private void seed(String client, int count) {
        String table = config.prefixed(JournalTables.MAIN);
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entryId = UUID.randomUUID().toString();
            String time = start.plusSeconds(60L * i).toString().replace("Z", ".000Z");
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", AttributeValue.fromS("CLIENT#" + client));
            item.put("sk", AttributeValue.fromS("ENTRY#" + time + "#" + entryId));
            item.put("gsi1pk", AttributeValue.fromS("ENTRY#" + entryId));
            item.put("gsi1sk", AttributeValue.fromS("ENTRY"));
            item.put("journalEntryId", AttributeValue.fromS(entryId));
            item.put("clientId", AttributeValue.fromS(client));
            item.put("content", AttributeValue.fromS("entry " + i));
            item.put("feeling", AttributeValue.fromS("calm"));
            item.put("intensity", AttributeValue.fromN("5"));
            item.put("time", AttributeValue.fromS(time));
            item.put("private", AttributeValue.fromBool(false));
            item.put("createdAt", AttributeValue.fromS(time));
            item.put("updatedAt", AttributeValue.fromS(time));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    var written = dynamo.batchWriteItem(b -> b.requestItems(request));
                    pending = written.hasUnprocessedItems() ? written.unprocessedItems() : Map.of();
                }
                batch.clear();
            }
        }
    }
}
