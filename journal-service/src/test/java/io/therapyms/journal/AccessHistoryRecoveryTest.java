package io.therapyms.journal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.journal.config.JournalTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A request and a decision are two writes: the grant pair (lock, access truth, event) first, then the
 * history record. These tests leave the store exactly as a process dying between the two would (the
 * record missing or one status behind) and check that access follows the pair at once and that the
 * history is completed by the idempotent retry of the same call.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AccessHistoryRecoveryTest extends JournalTestSupport {

    @Test
    void aRequestWhoseHistoryWasNeverWrittenIsRebuiltByTheRetriedRequest() {
        String client = id("client");
        String therapist = id("therapist");
        link(client, therapist);
        String request = requestAccess(therapist, client, "2099-01-01T00:00:00Z");
        crashBeforeHistory(request);
        as(client, "client").get("/api/journal-access-requests").then().statusCode(200).body("items", hasSize(0));

        // the therapist retries: still one request per pair (409), and the lost record is back
        as(therapist, "therapist").body(Map.of("clientId", client, "reason", "again"))
                .post("/api/journal-access-requests").then().statusCode(409);
        as(client, "client").get("/api/journal-access-requests").then().statusCode(200)
                .body("items.journalAccessRequestId", equalTo(List.of(request)))
                .body("items[0].status", equalTo("pending")).body("items[0].reason", equalTo("treatment"))
                .body("items[0].expiresAt", equalTo("2099-01-01T00:00:00Z"));
        decide(client, "client", request, "approved", 200);
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200);
    }

    @Test
    void aDecisionWhoseHistoryLagsTakesEffectAtOnceAndIsCompletedByRepeatingIt() {
        String client = id("client");
        String therapist = id("therapist");
        String request = grant(client, therapist);
        setHistoryStatus(request, "pending");
        // the pair decides access: the approval holds although the history still says pending
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200);
        assertStatus(client, request, "pending");
        decide(client, "client", request, "approved", 200);
        assertStatus(client, request, "approved");
        decide(client, "client", request, "approved", 409);

        decide(client, "client", request, "revoked", 200);
        setHistoryStatus(request, "approved");
        // the revocation holds at once, whatever the history says
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(403);
        decide(client, "client", request, "revoked", 200);
        assertStatus(client, request, "revoked");
        decide(client, "client", request, "revoked", 409);
        decide(client, "client", request, "approved", 409);
    }

    @Test
    void mappingEndedRecordsTheCancellationEvenWhenTheHistoryWasLost() {
        String client = id("client");
        String therapist = id("therapist");
        link(client, therapist);
        String request = requestAccess(therapist, client, null);
        crashBeforeHistory(request);
        endMapping(client, therapist);
        await().atMost(ASYNC_BOUND).untilAsserted(() -> assertStatus(client, request, "cancelled"));
    }

    /** The store as after a crash between the pair write and the history write of a new request. */
    private void crashBeforeHistory(String requestId) {
        dynamo.deleteItem(d -> d.tableName(config.prefixed(JournalTables.MAIN)).key(historyKey(requestId)));
    }

    /** The store as after a crash between the pair write and the history write of a decision. */
    private void setHistoryStatus(String requestId, String status) {
        dynamo.updateItem(u -> u.tableName(config.prefixed(JournalTables.MAIN)).key(historyKey(requestId))
                .updateExpression("SET #status = :status").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status))));
    }

    private static Map<String, AttributeValue> historyKey(String requestId) {
        return Map.of("pk", AttributeValue.fromS("REQ#" + requestId), "sk", AttributeValue.fromS("REQ"));
    }

    private static void assertStatus(String client, String request, String status) {
        as(client, "client").get("/api/journal-access-requests").then().statusCode(200)
                .body("items.journalAccessRequestId", equalTo(List.of(request)))
                .body("items[0].status", equalTo(status));
    }
}
