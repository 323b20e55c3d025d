package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynaliteTest {

    @TempDir
    Path tempDir;

    @Test
    void servesTheDynamoDbApiInMemory() {
        try (Dynalite dynalite = Dynalite.startInMemory(Ports.pickFree(), tempDir.resolve("dynalite.log"))) {
            DynamoHttp dynamo = new DynamoHttp(dynalite.endpoint());

            dynamo.call("CreateTable", table("patients"));

            assertThat(dynamo.listTables()).containsExactly("patients");
            assertThat(dynalite.endpoint()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void keepsTablesAcrossRestartsWhenPersistent() {
        int port = Ports.pickFree();
        Path data = tempDir.resolve("dynamodb");
        try (Dynalite dynalite = Dynalite.startPersistent(port, data, tempDir.resolve("first.log"))) {
            new DynamoHttp(dynalite.endpoint()).call("CreateTable", table("kept"));
        }

        try (Dynalite restarted = Dynalite.startPersistent(port, data, tempDir.resolve("second.log"))) {
            assertThat(new DynamoHttp(restarted.endpoint()).listTables()).containsExactly("kept");
        }
    }

    @Test
    void leavesNoProcessBehindWhenClosed() {
        Dynalite dynalite = Dynalite.startInMemory(Ports.pickFree(), tempDir.resolve("dynalite.log"));
        ProcessHandle process = dynalite.process().process().toHandle();

        dynalite.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(process.pid());
        assertThat(Dynalite.answers(dynalite.endpoint())).isFalse();
    }

    private static Map<String, Object> table(String name) {
        return Map.of(
                "TableName", name,
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST");
    }
}
