package io.therapyms.journal;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.journal.config.JournalTables;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** A therapist read that cannot be logged is refused: the data never leaves unrecorded. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AccessLogFailureTest extends JournalTestSupport {

    @Test
    void aReadIsRefusedWhenTheAccessLogCannotBeWritten() {
        String client = id("client");
        String therapist = id("therapist");
        String entryId = entry(client, "sensitive words", false);
        grant(client, therapist);
        String table = config.prefixed(JournalTables.ACCESS_LOG);
        dynamo.deleteTable(d -> d.tableName(table));
        await().atMost(Duration.ofSeconds(10)).until(() -> dynamo.listTables().tableNames().stream()
                .noneMatch(table::equals));
        try {
            as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(503)
                    .body(not(containsString("sensitive words"))).body(not(containsString("ResourceNotFound")));
            as(therapist, "therapist").get("/api/journals/" + client + "/" + entryId).then().statusCode(503)
                    .body(not(containsString("sensitive words")));
            as(therapist, "therapist").get("/api/journals/" + client + "/insights").then().statusCode(503);
            // the owner's own reads are not therapist reads and need no log
            as(client, "client").get("/api/journals/" + client).then().statusCode(200);
        } finally {
            dynamo.createTable(c -> c.tableName(table)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .billingMode("PAY_PER_REQUEST"));
            await().atMost(Duration.ofSeconds(20)).until(() -> dynamo.describeTable(d -> d.tableName(table))
                    .table().tableStatus() == TableStatus.ACTIVE);
        }
        as(therapist, "therapist").get("/api/journals/" + client).then().statusCode(200);
    }
}
