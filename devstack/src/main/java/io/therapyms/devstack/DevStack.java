package io.therapyms.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The command line of {@code ./run}: starts a {@link LocalStack} (dynalite, Kafka, the topics, the seven services and
 * the gateway on loopback), prints the URLs once the gateway reports every service up, and stays in the foreground
 * until Ctrl-C or SIGTERM, which stop everything it started (services first, then Kafka, then dynalite).
 */
public final class DevStack {

    static final String USAGE = """
            usage: DevStack run [--fresh] [--infra-only] [--timeout <seconds>] [--port-offset <n>] [--data-dir <dir>]
              --fresh            delete the data of earlier runs (tables, topics, local keys, logs) first
              --infra-only       start only dynalite, Kafka and the topics (for mvn quarkus:dev and tests)
              --timeout <s>      how long to wait for the stack to become healthy (default 180,
                                 or DEVSTACK_START_TIMEOUT)
              --port-offset <n>  add n to every port (dynalite 8000+n, Kafka 9092+n and 9093+n, gateway
                                 8080+n, services 8081+n to 8087+n), to run beside another stack
              --data-dir <dir>   keep tables, topics, keys, logs and the pid file in <dir> instead of
                                 .data/ of the checkout (a relative <dir> is taken from the working folder)""";

    private final LocalStack stack;
    private final Options options;

    private DevStack(LocalStack stack, Options options) {
        this.stack = stack;
        this.options = options;
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
        LocalStack stack;
        try {
            Path repoRoot = RepoRoot.find();
            stack = new LocalStack(repoRoot, options.stackOptions(repoRoot), System.out::println);
        } catch (StartupException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
            return;
        }
        stack.stopOnJvmExit();
        long started = System.nanoTime();
        try {
            stack.startAll();
        } catch (StartupException e) {
            // After Ctrl-C during start-up the children die on purpose; that is no failure worth a report.
            if (!stack.isStopping()) {
                System.err.println("devstack: " + e.getMessage());
            }
            System.exit(1); // the shutdown hook stops whatever did start
            return;
        }
        DevStack launcher = new DevStack(stack, options);
        launcher.printSummary(LocalStack.seconds(started));
        launcher.watchUntilStopped();
    }

    /** Blocks while the stack runs, reporting any process that dies on its own. */
    private void watchUntilStopped() {
        List<ChildProcess> running = new ArrayList<>(stack.allChildren());
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
        System.out.println("every process has exited");
    }

    private void reportUnexpectedExit(ChildProcess child) {
        if (!stack.isStopping()) {
            System.err.println("devstack: " + child.name() + " exited with code " + child.process().exitValue()
                    + child.logTailSuffix());
        }
    }

    private void printSummary(String startTime) {
        Map<String, String> urls = new LinkedHashMap<>();
        if (!options.infraOnly()) {
            // First: what a person opens (the gateway serves the web app at /).
            // localhost, not the loopback address: passkeys take a domain as relying party (WEBAUTHN_RP_ID).
            urls.put("web app", stack.gatewayUrl().replace(Ports.LOOPBACK, "localhost") + "/");
            urls.put("gateway", stack.gatewayUrl());
            urls.put("API docs", stack.gatewayUrl() + "/api-docs");
            for (Apps app : Apps.values()) {
                if (app != Apps.GATEWAY) {
                    urls.put(app.module(), stack.serviceUrl(app));
                }
            }
        }
        urls.put("dynalite", stack.dynamoEndpoint());
        urls.put("kafka", stack.kafkaBootstrap());
        stack.turnUrl().ifPresent(turn -> urls.put("coturn (TURN)", turn));
        urls.put("logs", stack.logDir().toString());
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

    /** The command line of {@code DevStack run}. */
    record Options(boolean help, boolean fresh, boolean infraOnly, Duration timeout, int portOffset,
            Optional<Path> dataDir) {

        static final Duration DEFAULT_TIMEOUT = LocalStack.Options.DEFAULT_TIMEOUT;

        static Options parse(String... args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("missing command");
            }
            if (Set.of("--help", "-h", "help").contains(args[0])) {
                return new Options(true, false, false, DEFAULT_TIMEOUT, 0, Optional.empty());
            }
            if (!args[0].equals("run")) {
                throw new IllegalArgumentException("unknown command: " + args[0]);
            }
            boolean fresh = false;
            boolean infraOnly = false;
            boolean help = false;
            int portOffset = 0;
            Optional<Path> dataDir = Optional.empty();
            Duration timeout = Optional.ofNullable(System.getenv("DEVSTACK_START_TIMEOUT"))
                    .map(value -> parseSeconds(value, "DEVSTACK_START_TIMEOUT"))
                    .orElse(DEFAULT_TIMEOUT);
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--fresh" -> fresh = true;
                    case "--infra-only" -> infraOnly = true;
                    case "--help", "-h" -> help = true;
                    case "--timeout" -> timeout = parseSeconds(valueOf(args, ++i, "--timeout needs a number of seconds"),
                            "--timeout");
                    case "--port-offset" -> portOffset = parseOffset(valueOf(args, ++i, "--port-offset needs a number"));
                    case "--data-dir" -> dataDir = Optional.of(Path.of(valueOf(args, ++i, "--data-dir needs a folder")));
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return new Options(help, fresh, infraOnly, timeout, portOffset, dataDir);
        }

        LocalStack.Options stackOptions(Path repoRoot) {
            return new LocalStack.Options(portOffset, dataDir.orElse(repoRoot.resolve(".data")), fresh, infraOnly,
                    timeout, Map.of(), List.of());
        }

        private static String valueOf(String[] args, int index, String missing) {
            if (index >= args.length) {
                throw new IllegalArgumentException(missing);
            }
            return args[index];
        }

        private static int parseOffset(String value) {
            try {
                int offset = Integer.parseInt(value.trim());
                new StackPorts(offset); // validates the range
                return offset;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port-offset must be a whole number, not '" + value + "'");
            }
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
