package io.therapyms.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * dynalite and Kafka for the tests of one JVM: a running stack found at the configured (or default) addresses, or
 * a pair started on first use and stopped by a shutdown hook when the JVM exits.
 *
 * <p>The addresses are also published as system properties: Quarkus may load this class in more than one class
 * loader, and every copy must find the same pair instead of starting another.
 */
final class Infrastructure {

    static final String DYNAMO_PROPERTY = "devstack.dynamodb.endpoint";
    static final String DYNAMO_ENV = "DEVSTACK_DYNAMODB_ENDPOINT";
    static final String KAFKA_PROPERTY = "devstack.kafka.bootstrap";
    static final String KAFKA_ENV = "DEVSTACK_KAFKA_BOOTSTRAP";
    static final String DEFAULT_DYNAMO = "http://127.0.0.1:" + Dynalite.DEFAULT_PORT;
    static final String DEFAULT_KAFKA = "127.0.0.1:" + KafkaBroker.DEFAULT_PORT;
    /** {@code false} makes the tests start their own pair even when a stack answers on the default ports. */
    static final String REUSE_PROPERTY = "devstack.reuse";
    static final String REUSE_ENV = "DEVSTACK_REUSE";
    /** Set when this JVM started the pair, so no class loader's copy mistakes it for a borrowed stack. */
    private static final String STARTED_HERE_PROPERTY = "devstack.started-by-this-jvm";

    private static Infrastructure instance;
    private static RuntimeException startFailure;
    /** The dynalite this class loader's copy started (null when borrowed or started by another copy). */
    private static Dynalite ownDynalite;
    private static Path ownWorkDir;
    private static int dynaliteStarts;

    private final String dynamoEndpoint;
    private final String kafkaBootstrap;
    private final boolean borrowed;

    private Infrastructure(String dynamoEndpoint, String kafkaBootstrap, boolean borrowed) {
        this.dynamoEndpoint = dynamoEndpoint;
        this.kafkaBootstrap = kafkaBootstrap;
        this.borrowed = borrowed;
    }

    /** The pair for this JVM. A failed start is remembered, so later test classes fail at once instead of retrying. */
    static synchronized Infrastructure get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            try {
                instance = locateOrStart();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        reviveDynaliteIfGone();
        return instance;
    }

    /**
     * dynalite has been seen to vanish between two applications of one test JVM (auth-service, after a test
     * profile's application stopped; cause not yet found). Rather than fail every later test class, say so with
     * the end of its log and start it again on the same port: each application makes fresh tables anyway.
     */
    private static void reviveDynaliteIfGone() {
        int port = java.net.URI.create(instance.dynamoEndpoint).getPort();
        // Only a closed port counts (the failure seen was "connection refused"): a slow answer on a busy machine
        // must not start a second dynalite on a port that is still held.
        if (ownDynalite == null || Ports.accepts(Ports.LOOPBACK, port)) {
            return;
        }
        Path log = ownWorkDir.resolve(dynaliteStarts == 1 ? "dynalite.log" : "dynalite-" + dynaliteStarts + ".log");
        System.err.println("devstack: dynalite at " + instance.dynamoEndpoint + " stopped answering; the end of its log ("
                + log + "):\n" + tail(log) + "\ndevstack: starting it again on the same port");
        ownDynalite.close();
        dynaliteStarts++;
        ownDynalite = Dynalite.launch(port, Optional.empty(), ownWorkDir.resolve("dynalite-" + dynaliteStarts + ".log"));
        ownDynalite.awaitReady();
    }

    private static String tail(Path log) {
        try {
            java.util.List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** Whether the pair belongs to someone else (a ./run stack), so what the tests create there must be cleaned up. */
    boolean borrowed() {
        return borrowed;
    }

    /** Best effort: a failed clean-up must not fail the tests that already passed. */
    void deleteResources(String prefix) {
        try {
            TopicAdmin.deleteTopics(kafkaBootstrap, prefix);
            new DynamoHttp(dynamoEndpoint).deleteTables(prefix);
        } catch (RuntimeException e) {
            System.err.println("devstack: could not delete the test tables and topics under " + prefix + ": "
                    + e.getMessage());
        }
    }

    private static Infrastructure locateOrStart() {
        if (System.getProperty(STARTED_HERE_PROPERTY) == null
                && setting(REUSE_PROPERTY, REUSE_ENV).map("false"::equalsIgnoreCase).orElse(false)) {
            // A ./run that may stop at any moment must not be borrowed (e.g. while CI smoke-tests it).
            return startForThisJvm();
        }
        Optional<String> configuredDynamo = setting(DYNAMO_PROPERTY, DYNAMO_ENV);
        Optional<String> configuredKafka = setting(KAFKA_PROPERTY, KAFKA_ENV);
        String dynamo = configuredDynamo.orElse(DEFAULT_DYNAMO);
        String kafka = configuredKafka.orElse(DEFAULT_KAFKA);
        boolean dynamoAnswers = Dynalite.answers(dynamo);
        boolean kafkaAnswers = kafkaAnswers(kafka);
        if (dynamoAnswers && kafkaAnswers) {
            return new Infrastructure(dynamo, kafka, System.getProperty(STARTED_HERE_PROPERTY) == null);
        }
        if (configuredDynamo.isPresent() || configuredKafka.isPresent()) {
            // Someone asked for a particular stack: starting a different one would hide their mistake.
            throw new StartupException("the configured stack does not answer: DynamoDB at " + dynamo
                    + (dynamoAnswers ? " answers" : " does not answer") + ", Kafka at " + kafka
                    + (kafkaAnswers ? " answers" : " does not answer") + " (" + DYNAMO_ENV + ", " + KAFKA_ENV + ")");
        }
        return startForThisJvm();
    }

    private static Infrastructure startForThisJvm() {
        Path workDir = createTempDirectory();
        Dynalite dynalite = null;
        KafkaBroker kafka = null;
        try {
            // Both launch before either is awaited: the broker's JVM start is the long pole.
            dynalite = Dynalite.launch(Ports.pickFree(), Optional.empty(), workDir.resolve("dynalite.log"));
            kafka = KafkaBroker.launch(workDir.resolve("kafka"), Ports.pickFree(), Ports.pickFree(),
                    workDir.resolve("kafka.log"));
            dynalite.awaitReady();
            kafka.awaitReady();
        } catch (RuntimeException e) {
            stop(dynalite, kafka, workDir);
            throw e;
        }
        ownDynalite = dynalite;
        ownWorkDir = workDir;
        dynaliteStarts = 1;
        KafkaBroker startedKafka = kafka;
        // ownDynalite, not this start's: a revived dynalite must be stopped too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(ownDynalite, startedKafka, workDir),
                "devstack-stop"));
        System.setProperty(DYNAMO_PROPERTY, dynalite.endpoint());
        System.setProperty(KAFKA_PROPERTY, kafka.bootstrapServers());
        System.setProperty(STARTED_HERE_PROPERTY, "true");
        System.out.println("devstack: started dynalite at " + dynalite.endpoint() + " and Kafka at "
                + kafka.bootstrapServers() + " for this test JVM");
        return new Infrastructure(dynalite.endpoint(), kafka.bootstrapServers(), false);
    }

    private static void stop(Dynalite dynalite, KafkaBroker kafka, Path workDir) {
        if (kafka != null) {
            kafka.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
        Folders.deleteRecursively(workDir);
    }

    private static boolean kafkaAnswers(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        // A closed port is the common case; checking it first avoids the admin client's retry noise.
        return Ports.accepts(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)))
                && KafkaBroker.answers(bootstrap, Duration.ofSeconds(3));
    }

    private static Optional<String> setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("devstack-");
        } catch (IOException e) {
            throw new StartupException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }
}
