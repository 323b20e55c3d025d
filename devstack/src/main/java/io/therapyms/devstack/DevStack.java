package io.therapyms.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The engine of {@code ./run}: starts dynalite, Kafka, the topics, the six services and the gateway on loopback,
 * waits until the gateway reports every service up, and stays in the foreground until Ctrl-C or SIGTERM, which stop
 * everything it started (services first, then Kafka, then dynalite).
 */
public final class DevStack {

    static final String USAGE = """
            usage: DevStack run [--fresh] [--infra-only] [--timeout <seconds>]
              --fresh         delete the data of earlier runs (tables, topics, local keys, logs) first
              --infra-only    start only dynalite, Kafka and the topics (for mvn quarkus:dev and tests)
              --timeout <s>   how long to wait for the stack to become healthy (default 180,
                              or DEVSTACK_START_TIMEOUT)""";

    private static final Duration APP_STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(2);
    /** ./run's build stamps only say when the build last ran: --fresh keeps them rather than force a rebuild. */
    private static final Set<String> KEPT_BY_FRESH = Set.of("build.stamp", "build-infra.stamp");

    private final Path repoRoot;
    private final Path dataDir;
    private final Path logDir;
    private final Options options;
    private final PidFile pidFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_CHECK_TIMEOUT).build();

    private final List<ChildProcess> apps = new ArrayList<>();
    private ChildProcess kafka;
    private ChildProcess dynalite;
    private boolean stopping;

    DevStack(Path repoRoot, Options options) {
        this.repoRoot = repoRoot;
        this.dataDir = repoRoot.resolve(".data");
        this.logDir = dataDir.resolve("logs");
        this.options = options;
        this.pidFile = new PidFile(dataDir.resolve("run.pids"), repoRoot);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        DevStack stack;
        try {
            stack = new DevStack(RepoRoot.find(), options);
        } catch (StartupException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-stop"));
        long started = System.nanoTime();
        try {
            stack.start();
        } catch (StartupException e) {
            // After Ctrl-C during start-up the children die on purpose; that is no failure worth a report.
            if (!stack.isStopping()) {
                System.err.println("devstack: " + e.getMessage());
            }
            System.exit(1); // the shutdown hook stops whatever did start
            return;
        }
        stack.printSummary(seconds(started));
        stack.watchUntilStopped();
    }

    void start() {
        stopLeftoversOfEarlierRun();
        if (options.fresh()) {
            say("--fresh: deleting the data of earlier runs in " + dataDir);
            deleteDataExceptBuildStamps();
        }
        requireFreePorts();
        // Logs are appended to (a formatter and the broker share one), so each run starts them empty.
        Folders.deleteRecursively(logDir);
        List<Apps> toStart = options.infraOnly() ? List.of() : List.of(Apps.values());
        requireBuilt(toStart);
        LocalKeys keys = LocalKeys.ensure(dataDir.resolve("keys"));
        startInfrastructure();
        if (!toStart.isEmpty()) {
            startApps(toStart, keys);
        }
    }

    private void startInfrastructure() {
        long started = System.nanoTime();
        say("starting dynalite…");
        Dynalite store = Dynalite.launch(Dynalite.DEFAULT_PORT, Optional.of(dataDir.resolve("dynamodb")),
                logDir.resolve("dynalite.log"));
        register(() -> dynalite = store.process());
        say("starting kafka…");
        KafkaBroker broker = KafkaBroker.launch(dataDir.resolve("kafka"), KafkaBroker.DEFAULT_PORT,
                KafkaBroker.DEFAULT_CONTROLLER_PORT, logDir.resolve("kafka.log"));
        register(() -> kafka = broker.process());
        store.awaitReady();
        say("dynalite up (" + seconds(started) + ")");
        broker.awaitReady();
        say("kafka up (" + seconds(started) + ")");
        TopicAdmin.createTopics(broker.bootstrapServers(), "");
        say("topics ready (" + TopicAdmin.topicNames("").size() + ", with their .dlq)");
    }

    private void startApps(List<Apps> toStart, LocalKeys keys) {
        say("starting " + (toStart.size() - 1) + " services and the gateway…");
        long started = System.nanoTime();
        Map<Apps, ChildProcess> pending = new EnumMap<>(Apps.class);
        for (Apps app : toStart) {
            ChildProcess child = ChildProcess.start(app.module(), appCommand(app), repoRoot.resolve(app.module()),
                    logDir.resolve(app.module() + ".log"), appEnvironment(app, keys));
            register(() -> apps.add(child));
            pending.put(app, child);
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (!pending.isEmpty()) {
            pending.values().forEach(ChildProcess::requireAlive);
            for (Apps app : EnumSet.copyOf(pending.keySet())) {
                if (answers200(app.healthUrl())) {
                    pending.remove(app);
                    say(app.module() + " up (" + seconds(started) + ")");
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw new StartupException("not healthy within " + options.timeout().toSeconds() + " s; still waiting "
                        + "for " + pending.keySet().stream().map(app -> app.module() + " (" + app.healthUrl() + ")")
                        .toList() + ". Logs: " + logDir);
            }
            if (!pending.isEmpty()) {
                Poll.pause();
            }
        }
    }

    private List<String> appCommand(Apps app) {
        return List.of(KafkaBroker.javaExecutable(), "-Xmx192m", "-XX:+UseSerialGC", "-Dquarkus.profile=local",
                "-jar", app.runnableJar(repoRoot).toString());
    }

    private Map<String, String> appEnvironment(Apps app, LocalKeys keys) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", Ports.LOOPBACK);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(app.port()));
        env.put("DYNAMODB_ENDPOINT", "http://" + Ports.LOOPBACK + ":" + Dynalite.DEFAULT_PORT);
        env.put("KAFKA_BOOTSTRAP_SERVERS", Ports.LOOPBACK + ":" + KafkaBroker.DEFAULT_PORT);
        env.put("TMS_RESOURCE_PREFIX", "");
        // dynalite accepts any credentials; fixed dummies keep a developer's real AWS credentials out of it.
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("JWT_PUBLIC_KEY", keys.publicKey().toString());
        if (app == Apps.AUTH_SERVICE) {
            env.put("JWT_PRIVATE_KEY", keys.privateKey().toString());
        }
        if (app == Apps.GATEWAY) {
            for (Apps service : Apps.values()) {
                service.gatewayUrlVariable().ifPresent(variable -> env.put(variable, service.baseUrl()));
            }
        }
        return env;
    }

    /**
     * Adds a started process to what the shutdown hook stops. If the hook already ran (Ctrl-C during start-up), the
     * process would outlive us, so it is stopped here instead.
     */
    private synchronized void register(Runnable addChild) {
        addChild.run();
        List<ChildProcess> all = allChildren();
        if (stopping) {
            ChildProcess.stop(all, APP_STOP_GRACE);
            return;
        }
        pidFile.write(all);
    }

    private List<ChildProcess> allChildren() {
        return Stream.concat(Stream.of(dynalite, kafka), apps.stream()).filter(Objects::nonNull).toList();
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Stops the apps, then Kafka, then dynalite: each layer may still flush to the ones below while it stops. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (allChildren().isEmpty()) {
            return;
        }
        say("stopping…");
        ChildProcess.stop(apps, APP_STOP_GRACE);
        if (kafka != null) {
            ChildProcess.stop(List.of(kafka), Duration.ofSeconds(15));
        }
        if (dynalite != null) {
            ChildProcess.stop(List.of(dynalite), Duration.ofSeconds(5));
        }
        pidFile.delete();
        say("stopped");
    }

    /** Blocks while the stack runs, reporting any process that dies on its own. */
    private void watchUntilStopped() {
        List<ChildProcess> running = new ArrayList<>(allChildren());
        while (!running.isEmpty()) {
            CompletableFuture.anyOf(running.stream().map(child -> child.process().onExit())
                    .toArray(CompletableFuture[]::new)).join();
            for (ChildProcess child : List.copyOf(running)) {
                if (!child.isAlive()) {
                    running.remove(child);
                    reportUnexpectedExit(child);
                }
            }
        }
        say("every process has exited");
    }

    private synchronized void reportUnexpectedExit(ChildProcess child) {
        if (!stopping) {
            System.err.println("devstack: " + child.name() + " exited with code " + child.process().exitValue()
                    + child.logTailSuffix());
        }
    }

    private void printSummary(String startTime) {
        Map<String, String> urls = new LinkedHashMap<>();
        if (!options.infraOnly()) {
            urls.put("gateway", Apps.GATEWAY.baseUrl());
            urls.put("API docs", Apps.GATEWAY.baseUrl() + "/api-docs");
            for (Apps app : Apps.values()) {
                if (app != Apps.GATEWAY) {
                    urls.put(app.module(), app.baseUrl());
                }
            }
        }
        urls.put("dynalite", "http://" + Ports.LOOPBACK + ":" + Dynalite.DEFAULT_PORT);
        urls.put("kafka", Ports.LOOPBACK + ":" + KafkaBroker.DEFAULT_PORT);
        urls.put("logs", logDir.toString());
        StringBuilder summary = new StringBuilder("\n" + (options.infraOnly() ? "Infrastructure" : "Therapy Management System")
                + " is up (" + startTime + "):\n");
        urls.forEach((name, url) -> summary.append(String.format(Locale.ROOT, "  %-20s %s%n", name, url)));
        if (options.infraOnly()) {
            summary.append("\nFor a service in dev mode: DYNAMODB_ENDPOINT=").append(urls.get("dynalite"))
                    .append(" KAFKA_BOOTSTRAP_SERVERS=").append(urls.get("kafka")).append(" ./mvnw quarkus:dev\n");
        }
        summary.append("\nCtrl-C stops everything.");
        System.out.println(summary);
    }

    private void stopLeftoversOfEarlierRun() {
        Optional<ProcessHandle> otherLauncher = pidFile.liveLauncher();
        if (otherLauncher.isPresent()) {
            throw new StartupException("another ./run of this checkout is running (pid " + otherLauncher.get().pid()
                    + "): stop it first (Ctrl-C in its terminal, or kill " + otherLauncher.get().pid() + ")");
        }
        List<ProcessHandle> leftovers = pidFile.liveChildren();
        if (!leftovers.isEmpty()) {
            say("stopping " + leftovers.size() + " processes left by an earlier run (pids "
                    + leftovers.stream().map(ProcessHandle::pid).toList() + ")…");
            ChildProcess.stopTree(leftovers, APP_STOP_GRACE);
        }
        pidFile.delete();
    }

    private void deleteDataExceptBuildStamps() {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry : entries.filter(path -> !KEPT_BY_FRESH.contains(path.getFileName().toString())).toList()) {
                if (Files.isDirectory(entry)) {
                    Folders.deleteRecursively(entry);
                } else {
                    Files.delete(entry);
                }
            }
        } catch (IOException | IllegalStateException e) {
            throw new StartupException("cannot delete the data in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void requireFreePorts() {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(Dynalite.DEFAULT_PORT, "dynalite");
        wanted.put(KafkaBroker.DEFAULT_PORT, "kafka");
        wanted.put(KafkaBroker.DEFAULT_CONTROLLER_PORT, "kafka controller");
        if (!options.infraOnly()) {
            for (Apps app : Apps.values()) {
                wanted.put(app.port(), app.module());
            }
        }
        List<String> taken = wanted.entrySet().stream()
                .filter(entry -> !Ports.isFree(entry.getKey()))
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .toList();
        if (!taken.isEmpty()) {
            throw new StartupException("ports already in use on 127.0.0.1: " + String.join(", ", taken)
                    + ". Is another stack running? `ss -ltnp` shows which process holds them.");
        }
    }

    private void requireBuilt(List<Apps> toStart) {
        List<String> missing = toStart.stream()
                .map(app -> app.runnableJar(repoRoot))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> repoRoot.relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new StartupException("not built: " + String.join(", ", missing)
                    + ". Build with ./mvnw -B install -DskipTests (./run without --no-build does it).");
        }
    }

    private boolean answers200(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(HEALTH_CHECK_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the stack", e);
        }
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** The command line of {@code DevStack run}. */
    record Options(boolean help, boolean fresh, boolean infraOnly, Duration timeout) {

        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

        static Options parse(String... args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("missing command");
            }
            if (Set.of("--help", "-h", "help").contains(args[0])) {
                return new Options(true, false, false, DEFAULT_TIMEOUT);
            }
            if (!args[0].equals("run")) {
                throw new IllegalArgumentException("unknown command: " + args[0]);
            }
            boolean fresh = false;
            boolean infraOnly = false;
            boolean help = false;
            Duration timeout = Optional.ofNullable(System.getenv("DEVSTACK_START_TIMEOUT"))
                    .map(value -> parseSeconds(value, "DEVSTACK_START_TIMEOUT"))
                    .orElse(DEFAULT_TIMEOUT);
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--fresh" -> fresh = true;
                    case "--infra-only" -> infraOnly = true;
                    case "--help", "-h" -> help = true;
                    case "--timeout" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException("--timeout needs a number of seconds");
                        }
                        timeout = parseSeconds(args[++i], "--timeout");
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return new Options(help, fresh, infraOnly, timeout);
        }

        private static Duration parseSeconds(String value, String source) {
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds <= 0) {
                    throw new NumberFormatException();
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " must be a positive number of seconds, not '" + value + "'");
            }
        }
    }
}
