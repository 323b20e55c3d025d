package io.therapyms.devstack.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import io.therapyms.devstack.Apps;
import io.therapyms.devstack.JvmOptions;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.TestTokens;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.therapists.MappingApproved;

/**
 * One packaged service in containers, the way a user runs it with its own docker-compose.yml: the service's image
 * ({@code localhost/therapyms/<module>}) with a dynalite and a Kafka container of its own, all on host networking
 * (shared/CONTAINERS.md) and on free loopback ports, so it never collides with {@code ./run} or another test.
 *
 * <pre>{@code
 * static ServiceContainers system;
 *
 * @BeforeAll
 * static void start() { system = ServiceContainers.start("client-service"); }
 *
 * @AfterAll
 * static void stop() { if (system != null) system.close(); }
 * }</pre>
 *
 * The service runs in the {@code prod} profile with the test key pair of {@link TestTokens} (clearly test keys, never
 * trusted by a real deployment), so tests mint their own tokens. {@link #close()} removes every container (and its
 * anonymous volumes) and keeps the containers' output under {@code target/container-logs/} for a failed run.
 */
public final class ServiceContainers implements AutoCloseable {

    public static final String IMAGE_PREFIX = "localhost/therapyms/";
    private static final String IMAGE_TAG = ":latest";
    private static final Duration INFRASTRUCTURE_START = Duration.ofSeconds(90);
    private static final Duration SERVICE_START = Duration.ofSeconds(180);
    private static final String KEY_DIRECTORY = "/keys/";
    private static final EventCodec CODEC = new EventCodec();

    private final String module;
    private final int dynamoPort = freePort();
    private final int kafkaPort = freePort();
    private final int kafkaControllerPort = freePort();
    private final int httpPort = freePort();
    private final List<GenericContainer<?>> started = new ArrayList<>();

    private ServiceContainers(String module) {
        this.module = module;
    }

    /**
     * Starts dynalite, Kafka and {@code module}'s image and returns once the service's readiness check passes. Skips
     * the calling test when no engine or image is there (or fails it, see {@link ContainerEngine}).
     */
    public static ServiceContainers start(String module) {
        ContainerEngine.requireImages(List.of(image("dynalite"), image("kafka"), image(module)));
        ServiceContainers system = new ServiceContainers(module);
        try {
            system.startAll();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The Kafka bootstrap address of this system's own broker. */
    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The endpoint of this system's own dynalite. */
    public String dynamoEndpoint() {
        return "http://127.0.0.1:" + dynamoPort;
    }

    /**
     * The values of the records on {@code topic} of this system's broker that {@code matches} accepts, read from the
     * beginning until at least {@code atLeast} were seen or {@code timeout} passed (then fewer are returned).
     */
    public List<String> recordsOn(String topic, Predicate<String> matches, int atLeast, Duration timeout) {
        Predicate<List<ConsumerRecord<String, String>>> enough =
                seen -> seen.stream().map(ConsumerRecord::value).filter(matches).count() >= atLeast;
        return KafkaProbe.readUntil(kafkaBootstrap(), topic, timeout, enough).stream()
                .map(ConsumerRecord::value).filter(matches).collect(Collectors.toList());
    }

    /** Publishes {@code event} on this system's broker the way its producing service would (a CloudEvents record). */
    public void publish(String topic, String key, DomainEvent event) {
        KafkaProbe.produce(kafkaBootstrap(), topic, key, CODEC.encode(event, UUID.randomUUID().toString(), Instant.now()));
    }

    /**
     * Links a client and a therapist as therapist-service announces it ({@code MappingApproved}); the service under
     * test learns it asynchronously, so callers wait for its effect.
     */
    public void linkClientAndTherapist(String clientId, String therapistId) {
        publish(Topics.THERAPISTS, therapistId,
                new MappingApproved(UUID.randomUUID().toString(), clientId, therapistId, "client"));
    }

    /** What the service container has printed so far (for assertion messages). */
    public String serviceLogs() {
        return started.isEmpty() ? "" : started.get(started.size() - 1).getLogs();
    }

    private void startAll() {
        start(new GenericContainer<>(DockerImageName.parse(image("dynalite")))
                        .withCommand("--host", "127.0.0.1", "--port", String.valueOf(dynamoPort), "--path", "/data"),
                LoopbackReadiness.tcp(dynamoPort, INFRASTRUCTURE_START));
        start(new GenericContainer<>(DockerImageName.parse(image("kafka")))
                        .withEnv(Map.of(
                                "KAFKA_PORT", String.valueOf(kafkaPort),
                                "KAFKA_CONTROLLER_PORT", String.valueOf(kafkaControllerPort),
                                "JAVA_OPTS", String.join(" ", JvmOptions.KAFKA))),
                LoopbackReadiness.tcp(kafkaPort, INFRASTRUCTURE_START));
        GenericContainer<?> service = new GenericContainer<>(DockerImageName.parse(image(module)))
                .withEnv(serviceEnvironment())
                .withCopyToContainer(keyFile("jwt-test-public.pem"), KEY_DIRECTORY + "jwt-public.pem");
        if (module.equals("auth-service")) {
            service.withCopyToContainer(keyFile("jwt-test-private.pem"), KEY_DIRECTORY + "jwt-private.pem")
                    .withEnv("JWT_PRIVATE_KEY", KEY_DIRECTORY + "jwt-private.pem")
                    // prod needs a TOTP encryption key that is not the published test one; any of this run will do
                    .withEnv("MFA_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(
                            UUID.randomUUID().toString().substring(0, 32).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        start(service, LoopbackReadiness.http(httpPort, "/q/health/ready", SERVICE_START));
    }

    private Map<String, String> serviceEnvironment() {
        return Map.ofEntries(
                Map.entry("QUARKUS_PROFILE", "prod"),
                Map.entry("HTTP_HOST", "127.0.0.1"),
                // The image sets QUARKUS_HTTP_PORT to the usual port; only the same variable overrides it.
                Map.entry("QUARKUS_HTTP_PORT", String.valueOf(httpPort)),
                // the options the image and ./run use (devstack's JvmOptions; auth-service's differ)
                Map.entry("JAVA_OPTS", String.join(" ", jvmOptions())),
                Map.entry("DYNAMODB_ENDPOINT", dynamoEndpoint()),
                // dynalite accepts any credentials; the AWS SDK only insists that some are set.
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "local"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "local"),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap()),
                Map.entry("JWT_ISSUER", TestTokens.ISSUER),
                // The prod profile refuses the public development default; any secret of this run will do.
                Map.entry("CURSOR_SECRET", UUID.randomUUID().toString()),
                Map.entry("JWT_PUBLIC_KEY", KEY_DIRECTORY + "jwt-public.pem"));
    }

    private List<String> jvmOptions() {
        return Arrays.stream(Apps.values()).filter(app -> app.module().equals(module)).findFirst()
                .map(JvmOptions::defaults).orElse(JvmOptions.APPLICATION);
    }

    private void start(GenericContainer<?> container, LoopbackReadiness readiness) {
        container.withNetworkMode("host").waitingFor(readiness);
        started.add(container);
        container.start();
    }

    @Override
    public void close() {
        Path logDirectory = Path.of("target", "container-logs");
        for (int i = started.size() - 1; i >= 0; i--) {
            GenericContainer<?> container = started.get(i);
            try {
                if (container.getContainerId() != null) {
                    Files.createDirectories(logDirectory);
                    Files.writeString(logDirectory.resolve(module + "-" + nameOf(container) + ".log"), container.getLogs());
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("could not keep the logs of " + nameOf(container) + ": " + e.getMessage());
            }
            container.stop();
        }
        started.clear();
    }

    static String image(String name) {
        return IMAGE_PREFIX + name + IMAGE_TAG;
    }

    private static String nameOf(GenericContainer<?> container) {
        String image = container.getDockerImageName();
        return image.substring(IMAGE_PREFIX.length(), image.length() - IMAGE_TAG.length());
    }

    /** The test key files shipped in devstack (readable by the image's unprivileged user). */
    private static Transferable keyFile(String name) {
        try (InputStream pem = ServiceContainers.class.getClassLoader().getResourceAsStream("test-keys/" + name)) {
            if (pem == null) {
                throw new IllegalStateException("test-keys/" + name + " is not on the class path");
            }
            return Transferable.of(pem.readAllBytes(), 0644);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
