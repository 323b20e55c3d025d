package io.therapyms.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode (one JVM that is both broker and controller), run from the Maven
 * Central jars that devstack/kafka-broker copies to target/broker-lib. Listens on 127.0.0.1 only.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Where ./run's broker listens, and where tests look for one to reuse. */
    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.bootstrapServers = Ports.LOOPBACK + ":" + port;
    }

    /**
     * Starts a broker keeping its data under {@code dataDir} (formatted on first use, reused afterwards) and waits
     * until it answers. Its warnings go to {@code dataDir/broker-warnings.log}; its console output to {@code logFile}.
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile) {
        KafkaBroker broker = launch(dataDir, port, controllerPort, logFile);
        broker.awaitReady();
        return broker;
    }

    /** Formats storage if needed and starts the broker without waiting for it; {@link #awaitReady()} follows. */
    static KafkaBroker launch(Path dataDir, int port, int controllerPort, Path logFile) {
        Path brokerLib = RepoRoot.find().resolve("devstack/kafka-broker/target/broker-lib");
        if (!Files.isDirectory(brokerLib)) {
            throw new StartupException("the Kafka broker jars are missing (" + brokerLib + "): build them with "
                    + "./mvnw -B -q -pl devstack -am install -DskipTests");
        }
        Path absoluteDataDir = dataDir.toAbsolutePath();
        Path logDir = absoluteDataDir.resolve("data");
        Path serverProperties = absoluteDataDir.resolve("server.properties");
        Path log4jConfig = absoluteDataDir.resolve("log4j2.properties");
        try {
            Files.createDirectories(logDir);
            Files.writeString(serverProperties, serverProperties(port, controllerPort, logDir), StandardCharsets.UTF_8);
            Files.writeString(log4jConfig, log4jConfig(absoluteDataDir.resolve("broker-warnings.log")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("cannot prepare Kafka's data folder " + absoluteDataDir + ": " + e.getMessage(), e);
        }
        List<String> java = concat(concat(List.of(javaExecutable()), JvmOptions.kafka()),
                List.of("-Dlog4j2.configurationFile=" + log4jConfig.toUri(), "-cp", brokerLib + "/*"));
        // KRaft storage is formatted exactly once; meta.properties is what formatting leaves behind.
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ChildProcess.start("kafka storage format", concat(java, List.of("kafka.tools.StorageTool", "format",
                            "--standalone", "--cluster-id", Uuid.randomUuid().toString(),
                            "--config", serverProperties.toString())), logFile, Map.of())
                    .awaitSuccess(FORMAT_TIMEOUT);
        }
        ChildProcess broker = ChildProcess.start("kafka",
                concat(java, List.of("kafka.Kafka", serverProperties.toString())), logFile, Map.of());
        return new KafkaBroker(broker, port);
    }

    void awaitReady() {
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        // Connect only once the port is open: an admin client aimed at nothing fills the log with retries.
        Poll.untilReady(process, START_TIMEOUT, () -> Ports.accepts(Ports.LOOPBACK, port));
        Poll.untilReady(process, START_TIMEOUT, () -> answers(bootstrapServers, Duration.ofSeconds(5)));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        ChildProcess.stop(List.of(process), STOP_GRACE);
    }

    /** Whether a Kafka cluster at {@code bootstrapServers} describes itself, with at least one broker, in time. */
    static boolean answers(String bootstrapServers, Duration timeout) {
        try (Admin admin = KafkaAdmins.open(bootstrapServers, timeout)) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String serverProperties(int port, int controllerPort, Path logDir) {
        return String.join("\n",
                "# Written by devstack on every start; edit KafkaBroker.java instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                // Storage formatted with --standalone makes this node the whole (dynamic) controller quorum.
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + logDir,
                "num.partitions=3",
                "auto.create.topics.enable=true",
                // One broker cannot hold more than one replica of the internal topics.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Nobody else is coming to join a consumer group: tests should not wait 3 s for them.
                "group.initial.rebalance.delay.ms=0",
                // Keep every event (the default deletes after 7 days): analytics-service rebuilds its read models
                // by replaying the topics from the earliest offset.
                "log.retention.ms=-1",
                "log.retention.bytes=-1",
                String.join("\n", JvmOptions.kafkaProperties()),
                "");
    }

    private static String log4jConfig(Path warningsFile) {
        return String.join("\n",
                "# Written by devstack: the broker's warnings and errors go to a file, nothing to the console.",
                "status = warn",
                // The broker stops on SIGTERM, when a JVM refuses new shutdown hooks; the file appender flushes anyway.
                "shutdownHook = disable",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + warningsFile,
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.file.ref = file",
                "");
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
