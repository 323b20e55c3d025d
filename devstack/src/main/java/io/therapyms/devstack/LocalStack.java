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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One complete local stack: dynalite, Kafka and the topics, then (unless infra-only) the seven services and the
 * gateway, all on 127.0.0.1 on one set of ports ({@link StackPorts}: ./run's, or shifted by an offset) with every
 * file in one data folder. {@code ./run} drives it through {@link DevStack}; system tests start one beside a
 * developer's ./run and break parts of it on purpose ({@link #kill9}, {@link #stopKafka}, {@link #restartDynalite}).
 *
 * <p>Every process it starts is recorded by pid in {@code <data folder>/run.pids} and stopped by {@link #close()}
 * (services first, then Kafka, then dynalite), also when the JVM exits. A later start on the same folder stops what a
 * killed earlier one left behind; one that is still running is never touched.
 */
public final class LocalStack implements AutoCloseable {

    /** What to start and where. {@link #defaults()} is ./run's: offset 0, {@code .data/} of the checkout. */
    public record Options(int portOffset, Path dataDir, boolean fresh, boolean infraOnly, Duration timeout,
            Map<String, String> environment, List<String> jvmOptions) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

        public Options {
            new StackPorts(portOffset); // validates the offset
            dataDir = dataDir.toAbsolutePath().normalize();
            environment = Map.copyOf(environment);
            jvmOptions = List.copyOf(jvmOptions);
        }

        public static Options defaults() {
            return new Options(0, RepoRoot.find().resolve(".data"), false, false, DEFAULT_TIMEOUT, Map.of(), List.of());
        }

        public Options withPortOffset(int offset) {
            return new Options(offset, dataDir, fresh, infraOnly, timeout, environment, jvmOptions);
        }

        /** Where the tables, topics, keys, logs and the pid file live. */
        public Options withDataDir(Path dir) {
            return new Options(portOffset, dir, fresh, infraOnly, timeout, environment, jvmOptions);
        }

        /** Delete the data of earlier runs in the data folder first (./run's build stamps are kept). */
        public Options withFresh(boolean wipe) {
            return new Options(portOffset, dataDir, wipe, infraOnly, timeout, environment, jvmOptions);
        }

        public Options withInfraOnly(boolean only) {
            return new Options(portOffset, dataDir, fresh, only, timeout, environment, jvmOptions);
        }

        /** How long to wait for the applications to become healthy. */
        public Options withTimeout(Duration wait) {
            return new Options(portOffset, dataDir, fresh, infraOnly, wait, environment, jvmOptions);
        }

        /** Extra environment variables for every application (e.g. {@code RATE_LIMIT_API_PER_MINUTE}). */
        public Options withEnvironment(Map<String, String> variables) {
            return new Options(portOffset, dataDir, fresh, infraOnly, timeout, variables, jvmOptions);
        }

        /**
         * Traces on: every application exports its spans by OTLP over HTTP (protobuf) to {@code endpoint} (e.g. an
         * in-test collector), in small batches, soon. Off by default: without {@code OTEL_EXPORTER_OTLP_ENDPOINT}
         * the applications make no spans at all. Merged into the other extra environment variables.
         */
        public Options withOtlpEndpoint(String endpoint) {
            Map<String, String> variables = new java.util.HashMap<>(environment);
            variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            variables.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            variables.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            return withEnvironment(variables);
        }

        /** Extra JVM options for every application, after ./run's (e.g. {@code -XX:TieredStopAtLevel=1}). */
        public Options withJvmOptions(List<String> options) {
            return new Options(portOffset, dataDir, fresh, infraOnly, timeout, environment, options);
        }
    }

    private static final Duration APP_STOP_GRACE = Duration.ofSeconds(10);
    /**
     * An extra instance shares its services' consumer groups with the stack's own: killed before its consumers left
     * the group, it stays a member until the session timeout (45 s) and stalls every rebalance of that group for the
     * tests that follow (seen as a cancelled call not closed in time). It gets longer to leave cleanly.
     */
    private static final Duration EXTRA_INSTANCE_STOP_GRACE = Duration.ofSeconds(45);
    private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration DYNALITE_STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(2);
    /**
     * What --fresh keeps in the data dir: ./run's build stamps only say when the build last ran (keeping them avoids
     * a rebuild), and containers/ holds the PID files of the container engine that devstack/containers/prepare
     * started (deleting them left that engine running with nobody to stop it: CI runs ./run --fresh after prepare).
     */
    static final Set<String> KEPT_BY_FRESH = Set.of("build.stamp", "build-infra.stamp", "containers");

    private final Path repoRoot;
    private final Options options;
    private final StackPorts ports;
    private final Path logDir;
    private final PidFile pidFile;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_CHECK_TIMEOUT).build();

    private final Map<Apps, ChildProcess> apps = new EnumMap<>(Apps.class);
    private final List<ChildProcess> extraInstances = new ArrayList<>();
    private ChildProcess kafka;
    private ChildProcess dynalite;
    private Coturn coturn;
    private LocalKeys keys;
    private boolean stopping;
    private Thread shutdownHook;

    LocalStack(Path repoRoot, Options options, Consumer<String> progress) {
        this.repoRoot = repoRoot;
        this.options = options;
        this.ports = new StackPorts(options.portOffset());
        this.logDir = options.dataDir().resolve("logs");
        this.pidFile = new PidFile(options.dataDir().resolve("run.pids"), repoRoot);
        this.progress = progress;
    }

    /**
     * Starts the whole stack and returns once it is healthy. On failure, whatever did start is stopped and a
     * {@link StartupException} says why (with the end of the failing process's log).
     */
    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack(RepoRoot.find(), options, line -> System.out.println("devstack: " + line));
        stack.stopOnJvmExit();
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** A JVM that exits without {@link #close()} (Ctrl-C, a test run cut short) still stops the stack. */
    void stopOnJvmExit() {
        shutdownHook = new Thread(this::close, "devstack-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void startAll() {
        stopLeftoversOfEarlierRun();
        if (options.fresh()) {
            say("--fresh: deleting the data of earlier runs in " + options.dataDir());
            deleteStackData(options.dataDir());
        }
        requireFreePorts();
        // Logs are appended to (a formatter and the broker share one), so each run starts them empty.
        Folders.deleteRecursively(logDir);
        List<Apps> toStart = options.infraOnly() ? List.of() : List.of(Apps.values());
        requireBuilt(toStart);
        keys = LocalKeys.ensure(options.dataDir().resolve("keys"));
        startInfrastructure();
        if (!toStart.isEmpty()) {
            startApps(toStart);
        }
    }

    public StackPorts ports() {
        return ports;
    }

    public String gatewayUrl() {
        return serviceUrl(Apps.GATEWAY);
    }

    public String serviceUrl(Apps app) {
        return urlOf(ports.app(app));
    }

    public String dynamoEndpoint() {
        return urlOf(ports.dynalite());
    }

    public String kafkaBootstrap() {
        return Ports.LOOPBACK + ":" + ports.kafka();
    }

    /** Each process's console output: {@code <module>.log}, {@code kafka.log}, {@code dynalite.log}. */
    public Path logDir() {
        return logDir;
    }

    public boolean infraOnly() {
        return options.infraOnly();
    }

    /** {@code kill -9} of one application, as a crash would: no graceful shutdown. {@link #restart} brings it back. */
    public void kill9(Apps app) {
        requireStarted(app).kill();
        say(app.module() + " killed (kill -9)");
    }

    /**
     * Stops an application gracefully (SIGTERM, as an operator would): its Kafka consumers leave their groups, so a
     * {@link #restart} gets its partitions back at once. After {@link #kill9} the group waits for the dead member's
     * session to time out (45 s) before the restarted one consumes again.
     */
    public void stop(Apps app) {
        ChildProcess.stop(List.of(requireStarted(app)), APP_STOP_GRACE);
        say(app.module() + " stopped");
    }

    /** Starts an application again (stopping it first if it runs) and returns once it is healthy. */
    public void restart(Apps app) {
        ChildProcess old = requireStarted(app);
        if (old.isAlive()) {
            ChildProcess.stop(List.of(old), APP_STOP_GRACE);
        }
        long started = System.nanoTime();
        ChildProcess again = old.relaunch();
        register(() -> apps.put(app, again));
        awaitHealthy(Map.of(app.module(), new Pending(again, healthUrl(ports.app(app), app))));
        say(app.module() + " up again (" + seconds(started) + ")");
    }

    /** Stops the broker (gracefully, as an operator would); the applications carry on and must cope. */
    public void stopKafka() {
        ChildProcess.stop(List.of(requireRunning(kafka, "kafka")), KAFKA_STOP_GRACE);
        say("kafka stopped");
    }

    /** Starts the broker again on its ports and data (topics and offsets survive) and waits until it answers. */
    public void startKafka() {
        long started = System.nanoTime();
        KafkaBroker broker = launchKafka();
        register(() -> kafka = broker.process());
        broker.awaitReady();
        say("kafka up again (" + seconds(started) + ")");
    }

    /** Stops dynalite and starts it again on the same files: the tables survive, open connections do not. */
    public void restartDynalite() {
        ChildProcess.stop(List.of(requireRunning(dynalite, "dynalite")), DYNALITE_STOP_GRACE);
        long started = System.nanoTime();
        Dynalite store = launchDynalite();
        register(() -> dynalite = store.process());
        store.awaitReady();
        say("dynalite up again (" + seconds(started) + ")");
    }

    /**
     * One more instance of a service on {@code port}, against the same dynalite and Kafka (the gateway does not route
     * to it): e.g. a second messaging-service, to show a notification crossing instances. Returns once it is ready;
     * closing the handle stops it, and {@link #close()} stops it too.
     */
    public ExtraInstance startExtraInstance(Apps app, int port) {
        return startExtraInstance(app, port, List.of());
    }

    /**
     * As {@link #startExtraInstance(Apps, int)}, with JVM options of its own after the stack's (e.g. a short Kafka
     * session timeout for an instance a test will {@link ExtraInstance#kill9()}, so that its consumer groups drop it
     * soon instead of stalling the tests that follow).
     */
    public ExtraInstance startExtraInstance(Apps app, int port, List<String> jvmOptions) {
        if (app == Apps.GATEWAY) {
            throw new IllegalArgumentException("extra instances are of services; the gateway routes to one of each");
        }
        requireBuilt(List.of(app));
        String name = app.module() + "-" + port;
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(appCommand(app));
        command.addAll(command.indexOf("-jar"), jvmOptions);
        ChildProcess child = ChildProcess.start(name, command, repoRoot.resolve(app.module()),
                logDir.resolve(name + ".log"), appEnvironment(app, port));
        register(() -> extraInstances.add(child));
        awaitHealthy(Map.of(name, new Pending(child, healthUrl(port, app))));
        say(name + " up (" + seconds(started) + ")");
        return new ExtraInstance(child, urlOf(port));
    }

    /** An extra service instance from {@link #startExtraInstance}; {@link #close()} stops it gracefully. */
    public final class ExtraInstance implements AutoCloseable {

        private final ChildProcess process;
        private final String baseUrl;

        private ExtraInstance(ChildProcess process, String baseUrl) {
            this.process = process;
            this.baseUrl = baseUrl;
        }

        public String baseUrl() {
            return baseUrl;
        }

        /** {@code kill -9}, as a crash would: no shutdown hook, no socket closed, no consumer group left. */
        public void kill9() {
            process.kill();
            say(process.name() + " killed (kill -9)");
            forget();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                ChildProcess.stop(List.of(process), EXTRA_INSTANCE_STOP_GRACE);
            }
            forget();
        }

        private void forget() {
            synchronized (LocalStack.this) {
                extraInstances.remove(process);
                if (!stopping) {
                    pidFile.write(allChildren());
                }
            }
        }
    }

    /**
     * Stops the apps, then Kafka, then dynalite (each layer may still flush to the ones below while it stops), and
     * returns once every process it started is gone. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        removeShutdownHook();
        if (allChildren().isEmpty()) {
            return;
        }
        say("stopping…");
        ChildProcess.stop(Stream.concat(apps.values().stream(), extraInstances.stream()).toList(), APP_STOP_GRACE);
        if (coturn != null) {
            ChildProcess.stop(List.of(coturn.process()), DYNALITE_STOP_GRACE);
        }
        if (kafka != null) {
            ChildProcess.stop(List.of(kafka), KAFKA_STOP_GRACE);
        }
        if (dynalite != null) {
            ChildProcess.stop(List.of(dynalite), DYNALITE_STOP_GRACE);
        }
        pidFile.delete();
        say("stopped");
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Every process of the stack that was started, alive or not, for the launcher's watch. */
    synchronized List<ChildProcess> allChildren() {
        return Stream.of(Stream.of(dynalite, kafka, coturn == null ? null : coturn.process()), apps.values().stream(),
                        extraInstances.stream())
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .toList();
    }

    private void startInfrastructure() {
        long started = System.nanoTime();
        say("starting dynalite…");
        Dynalite store = launchDynalite();
        register(() -> dynalite = store.process());
        say("starting kafka…");
        KafkaBroker broker = launchKafka();
        register(() -> kafka = broker.process());
        store.awaitReady();
        say("dynalite up (" + seconds(started) + ")");
        broker.awaitReady();
        say("kafka up (" + seconds(started) + ")");
        TopicAdmin.createTopics(broker.bootstrapServers(), "");
        say("topics ready (" + TopicAdmin.topicNames("").size() + ", with their .dlq)");
        startCoturn();
    }

    /** The TURN server of the calls, when the coturn package is installed; the stack runs without it otherwise. */
    private void startCoturn() {
        Optional<Path> binary = Coturn.binary();
        if (binary.isEmpty()) {
            say("coturn skipped: no turnserver binary (apt-get install coturn); calls get no TURN server");
            return;
        }
        if (!Ports.isFree(ports.turn())) {
            say("coturn skipped: port " + ports.turn() + " is taken; calls get no TURN server");
            return;
        }
        long started = System.nanoTime();
        Coturn turn = Coturn.launch(binary.get(), ports.turn(), options.dataDir().resolve("coturn"),
                logDir.resolve("coturn.log"));
        register(() -> coturn = turn);
        turn.awaitReady();
        say("coturn up on " + turn.url() + " (" + seconds(started) + "); TURN_URLS, TURN_SECRET and STUN_URLS go to "
                + Apps.MESSAGING_SERVICE.module());
    }

    /** coturn's address, if this stack runs it. */
    public Optional<String> turnUrl() {
        return Optional.ofNullable(coturn).map(Coturn::url);
    }

    private Dynalite launchDynalite() {
        return Dynalite.launch(ports.dynalite(), Optional.of(options.dataDir().resolve("dynamodb")),
                logDir.resolve("dynalite.log"));
    }

    private KafkaBroker launchKafka() {
        return KafkaBroker.launch(options.dataDir().resolve("kafka"), ports.kafka(), ports.kafkaController(),
                logDir.resolve("kafka.log"));
    }

    private void startApps(List<Apps> toStart) {
        say("starting " + (toStart.size() - 1) + " services and the gateway…");
        long started = System.nanoTime();
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (Apps app : toStart) {
            ChildProcess child = ChildProcess.start(app.module(), appCommand(app), repoRoot.resolve(app.module()),
                    logDir.resolve(app.module() + ".log"), appEnvironment(app, ports.app(app)));
            register(() -> apps.put(app, child));
            pending.put(app.module(), new Pending(child, healthUrl(ports.app(app), app)));
        }
        awaitHealthy(pending, name -> say(name + " up (" + seconds(started) + ")"));
    }

    private record Pending(ChildProcess process, String healthUrl) {
    }

    private void awaitHealthy(Map<String, Pending> processes) {
        awaitHealthy(processes, name -> { });
    }

    /** Polls every health URL until each answers 200; fails at once if a process dies, or at the timeout. */
    private void awaitHealthy(Map<String, Pending> processes, Consumer<String> onHealthy) {
        Map<String, Pending> pending = new LinkedHashMap<>(processes);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (!pending.isEmpty()) {
            pending.values().forEach(waiting -> waiting.process().requireAlive());
            for (Map.Entry<String, Pending> entry : List.copyOf(pending.entrySet())) {
                if (answers200(entry.getValue().healthUrl())) {
                    pending.remove(entry.getKey());
                    onHealthy.accept(entry.getKey());
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw new StartupException("not healthy within " + options.timeout().toSeconds() + " s; still waiting "
                        + "for " + pending.entrySet().stream()
                                .map(entry -> entry.getKey() + " (" + entry.getValue().healthUrl() + ")").toList()
                        + ". Logs: " + logDir);
            }
            if (!pending.isEmpty()) {
                Poll.pause();
            }
        }
    }

    private List<String> appCommand(Apps app) {
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable()));
        command.addAll(JvmOptions.application(app));
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-Dquarkus.profile=local", "-jar", app.runnableJar(repoRoot).toString()));
        return command;
    }

    private Map<String, String> appEnvironment(Apps app, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", Ports.LOOPBACK);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("DYNAMODB_ENDPOINT", dynamoEndpoint());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("TMS_RESOURCE_PREFIX", "");
        // dynalite accepts any credentials; fixed dummies keep a developer's real AWS credentials out of it.
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("JWT_PUBLIC_KEY", keys.publicKey().toString());
        if (app == Apps.AUTH_SERVICE) {
            env.put("JWT_PRIVATE_KEY", keys.privateKey().toString());
            // The stacks of ./run, the system and browser tests and the bench script admins without a second
            // factor; the rule is on only when asked for (auth-service's own default is `admin`).
            env.put("MFA_REQUIRED_ROLES", System.getenv().getOrDefault("MFA_REQUIRED_ROLES", "none"));
            // Passkeys are bound to the page's origin, and WebAuthn takes a domain, never an IP, as RP id: the
            // browser must open the gateway as http://localhost:<port> (127.0.0.1 cannot use passkeys).
            env.put("WEBAUTHN_RP_ID", System.getenv().getOrDefault("WEBAUTHN_RP_ID", "localhost"));
            env.put("WEBAUTHN_ORIGINS", System.getenv().getOrDefault("WEBAUTHN_ORIGINS",
                    "http://localhost:" + ports.app(Apps.GATEWAY)));
        }
        if (app == Apps.MESSAGING_SERVICE && coturn != null) {
            env.putAll(coturn.messagingEnvironment());
        }
        if (app == Apps.CLIENT_SERVICE) {
            // The client's export asks every other service for its part, at the same addresses the gateway uses.
            for (Apps service : Apps.values()) {
                service.gatewayUrlVariable().ifPresent(variable -> env.put(variable, serviceUrl(service)));
            }
        }
        if (app == Apps.GATEWAY) {
            env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(ports.gatewayManagement()));
            env.put("QUARKUS_MANAGEMENT_HOST", Ports.LOOPBACK);
            for (Apps service : Apps.values()) {
                service.gatewayUrlVariable().ifPresent(variable -> env.put(variable, serviceUrl(service)));
            }
        }
        env.putAll(options.environment());
        return env;
    }

    /**
     * Adds a started process to what {@link #close()} stops and to the pid file. If the stack is already stopping
     * (Ctrl-C during start-up), the process would outlive it, so it is stopped here instead.
     */
    private synchronized void register(Runnable addChild) {
        addChild.run();
        List<ChildProcess> all = allChildren();
        if (stopping) {
            ChildProcess.stop(all, APP_STOP_GRACE);
            return;
        }
        pidFile.write(all.stream().filter(ChildProcess::isAlive).toList());
    }

    private void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // the hook is running or about to; close() is idempotent
        }
    }

    private synchronized ChildProcess requireStarted(Apps app) {
        ChildProcess child = apps.get(app);
        if (child == null) {
            throw new IllegalStateException(app.module() + " is not part of this stack");
        }
        return child;
    }

    private static ChildProcess requireRunning(ChildProcess child, String name) {
        if (child == null || !child.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return child;
    }

    private void stopLeftoversOfEarlierRun() {
        Optional<ProcessHandle> otherLauncher = pidFile.liveLauncher();
        if (otherLauncher.isPresent()) {
            throw new StartupException("another stack on " + options.dataDir() + " is running (pid "
                    + otherLauncher.get().pid() + "): stop it first (Ctrl-C in its terminal, or kill "
                    + otherLauncher.get().pid() + ")");
        }
        List<ProcessHandle> leftovers = pidFile.liveChildren();
        if (!leftovers.isEmpty()) {
            say("stopping " + leftovers.size() + " processes left by an earlier run (pids "
                    + leftovers.stream().map(ProcessHandle::pid).toList() + ")…");
            ChildProcess.stopTree(leftovers, APP_STOP_GRACE);
        }
        pidFile.delete();
    }

    /** Deletes the stack's data (tables, topics, keys, logs) from {@code dataDir}, keeping {@link #KEPT_BY_FRESH}. */
    static void deleteStackData(Path dataDir) {
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
        List<String> taken = ports.taken(!options.infraOnly());
        if (!taken.isEmpty()) {
            throw new StartupException("ports already in use on 127.0.0.1: " + String.join(", ", taken)
                    + ". Is another stack running? `ss -ltnp` shows which process holds them"
                    + (ports.offset() == 0 ? "; --port-offset <n> moves this one." : "."));
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

    private static String healthUrl(int port, Apps app) {
        return urlOf(port) + app.healthPath();
    }

    private static String urlOf(int port) {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private void say(String line) {
        progress.accept(line);
    }
}
