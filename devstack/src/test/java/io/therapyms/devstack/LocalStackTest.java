package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack beside ./run: shifted ports, its own data folder, every process recorded and stopped by pid. Infra-only,
 * so it needs no service built; the system tests exercise the applications' part.
 */
class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void freshDeletesTheStackDataButKeepsBuildStampsAndTheContainerEnginePidFiles() throws IOException {
        Files.createDirectories(dataDir.resolve("dynamodb"));
        Files.writeString(dataDir.resolve("dynamodb/000005.ldb"), "table");
        Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(dataDir.resolve("run.pids"), "1 launcher\n");
        Files.writeString(dataDir.resolve("build.stamp"), "");
        Files.createDirectories(dataDir.resolve("containers"));
        Files.writeString(dataDir.resolve("containers/podman-service.pid"), "4242\n");

        LocalStack.deleteStackData(dataDir);

        // CI starts the engine (pid files under containers/), then ./run --fresh; losing them left the engine running.
        assertThat(dataDir.resolve("containers/podman-service.pid")).hasContent("4242");
        assertThat(dataDir.resolve("build.stamp")).exists();
        assertThat(dataDir.resolve("dynamodb")).doesNotExist();
        assertThat(dataDir.resolve("keys")).doesNotExist();
        assertThat(dataDir.resolve("run.pids")).doesNotExist();
    }

    @Test
    void runsBesideAnotherStackAndSurvivesRestartsOfItsParts() throws Exception {
        ChildProcess leftover = leftoverOfAKilledEarlierRun();
        LocalStack stack = LocalStack.start(infraOnlyOptions());
        List<ProcessHandle> started;
        int recordedChildren;
        try {
            assertThat(leftover.isAlive()).isFalse();
            StackPorts ports = stack.ports();
            assertThat(stack.dynamoEndpoint()).isEqualTo("http://127.0.0.1:" + ports.dynalite());
            assertThat(stack.kafkaBootstrap()).isEqualTo("127.0.0.1:" + ports.kafka());
            assertThat(Dynalite.answers(stack.dynamoEndpoint())).isTrue();
            // coturn joins the stack wherever its turnserver is installed (CI installs it).
            List<String> recorded = Coturn.binary().isPresent() ? List.of("launcher", "dynalite", "kafka", "coturn")
                    : List.of("launcher", "dynalite", "kafka");
            assertThat(recordedNames()).containsExactlyElementsOf(recorded);
            assertThatThrownBy(() -> LocalStack.start(infraOnlyOptions().withPortOffset(ports.offset())
                    .withDataDir(dataDir.resolve("second"))))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("ports already in use on 127.0.0.1: " + ports.dynalite() + " (dynalite)");
            createTable(stack.dynamoEndpoint(), "survivors");

            stack.restartDynalite();
            assertThat(new DynamoHttp(stack.dynamoEndpoint()).listTables()).contains("survivors");

            stack.stopKafka();
            assertThat(Ports.accepts(Ports.LOOPBACK, ports.kafka())).isFalse();
            stack.startKafka();
            assertThat(KafkaBroker.answers(stack.kafkaBootstrap(), Duration.ofSeconds(5))).isTrue();
            assertThat(recordedNames()).containsExactlyElementsOf(recorded);
            started = stack.allChildren().stream().map(child -> child.process().toHandle()).toList();
            recordedChildren = recorded.size() - 1; // all but the launcher
        } finally {
            stack.close();
        }

        assertThat(started).hasSize(recordedChildren).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir.resolve("run.pids")).doesNotExist();
        assertThat(stack.ports().taken(false)).isEmpty();
    }

    /**
     * What a killed launcher leaves: a pid file naming a launcher that is gone and a child still running. The child's
     * command line names this checkout, as every process a stack starts does, so the next start recognises it.
     */
    private ChildProcess leftoverOfAKilledEarlierRun() throws IOException {
        ChildProcess child = ChildProcess.start("leftover",
                List.of("sh", "-c", "sleep 300; true", RepoRoot.find().resolve("devstack").toString()),
                dataDir.resolve("leftover.log"), Map.of());
        long deadPid = ProcessHandle.current().pid() + 1_000_000;
        Files.writeString(dataDir.resolve("run.pids"), deadPid + " launcher\n" + child.pid() + " dynalite\n",
                StandardCharsets.UTF_8);
        return child;
    }

    private LocalStack.Options infraOnlyOptions() {
        return LocalStack.Options.defaults()
                .withPortOffset(StackPorts.firstFree(2_000, 100, 30).offset())
                .withDataDir(dataDir)
                .withInfraOnly(true);
    }

    private List<String> recordedNames() {
        try {
            return Files.readAllLines(dataDir.resolve("run.pids"), StandardCharsets.UTF_8).stream()
                    .map(line -> line.split(" ", 2)[1])
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void createTable(String endpoint, String name) {
        new DynamoHttp(endpoint).call("CreateTable", Map.of(
                "TableName", name,
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST"));
    }
}
