package io.therapyms.devstack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The memory (and connection) settings of the local stack's JVMs, in one place (issue #19; the measurements are in BENCHMARKS.md,
 * "Issue #19 — memory"). The container images repeat them in their {@code JAVA_OPTS}
 * ({@code <module>/src/main/docker/Dockerfile.jvm}, {@code devstack/containers/kafka}).
 *
 * <p>For measuring a setting without a rebuild, {@code DEVSTACK_JVM_OPTIONS} (every application),
 * {@code DEVSTACK_JVM_OPTIONS_<MODULE>} (one application, e.g. {@code DEVSTACK_JVM_OPTIONS_JOURNAL_SERVICE}),
 * {@code DEVSTACK_KAFKA_JVM_OPTIONS} and {@code DEVSTACK_KAFKA_PROPERTIES} (broker properties, {@code key=value}
 * separated by spaces) are added after these, so they win.
 */
public final class JvmOptions {

    /**
     * C1 only: no C2 compiler threads, arenas and larger code. About -25 MB per JVM. On a quiet machine it is far ahead of
     * C2 in the first minute after start (C2's compiler threads compete with the load on two cores), and behind it
     * afterwards on open slots (BENCHMARKS.md, "the open questions"): right for ./run, a question for long-running
     * deployments. Not for auth-service ({@link #AUTH_SERVICE}).
     */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /** Every Quarkus application (services and gateway) but auth-service, as ./run and {@link LocalStack} start them. */
    public static final List<String> APPLICATION = List.of(
            // Start small and grow on demand: by default the initial heap is 1/64 of the machine (capped by -Xmx, so
            // all 192 MB here) and startup alone touches its whole young generation. About -35 MB per JVM.
            "-Xms16m",
            "-Xmx192m",
            // One collector thread and no per-region bookkeeping: the services' heaps are small.
            "-XX:+UseSerialGC",
            C1_ONLY,
            // Not memory: the DynamoDB client (the SDK's URL-connection client) keeps only 5 idle connections per
            // endpoint by default, so with more requests, relay and consumer threads in flight every further one was
            // closed after use and a new one opened (~17 a second to dynalite in journal-list). Keeping 32 removed
            // that churn: journal-list p99 x2.3 -> x2.0 of the raw store (BENCHMARKS.md, "Issue #19 — the API's
            // own overhead").
            "-Dhttp.maxConnections=32");

    /**
     * auth-service: the same, with C2. Its CPU goes to bcrypt, which runs ~20 % slower under C1 alone; with C2 logins
     * were 15-25 % faster, alone and during a login flood, for ~30 MB more (BENCHMARKS.md, "Issue #19 — part 2: C2 for
     * auth-service"). Issue #19 keeps a memory lever only where it costs no throughput beyond noise.
     */
    public static final List<String> AUTH_SERVICE = APPLICATION.stream().filter(option -> !option.equals(C1_ONLY)).toList();

    /** The Kafka broker (./run, LocalStack and the tests' broker). */
    public static final List<String> KAFKA = List.of(
            // As for the applications: the default initial heap (1/64 of the machine) was committed and touched.
            "-Xms32m",
            // Ample for one broker with the stack's topics (and the tests' prefixed ones). -Xmx128m with the default
            // 128 MB dedupe buffer (KAFKA_PROPERTIES) failed to start: OutOfMemoryError in the log cleaner.
            "-Xmx256m",
            "-XX:+UseSerialGC",
            // C1 only, as for the applications: about -30 MB.
            C1_ONLY);

    /** Broker properties added to devstack's server.properties. */
    public static final List<String> KAFKA_PROPERTIES = List.of(
            // The log cleaner (compacted internal topics: offsets, transactions) allocates and zeroes this buffer on
            // the heap at start, 128 MB by default; the stack's compacted topics are tiny. About -90 MB.
            "log.cleaner.dedupe.buffer.size=8388608");

    private JvmOptions() {
    }

    /** The options an application's image and ./run start it with, before any variable. */
    public static List<String> defaults(Apps app) {
        return app == Apps.AUTH_SERVICE ? AUTH_SERVICE : APPLICATION;
    }

    static List<String> application(Apps app) {
        return withVariable(withVariable(defaults(app), "DEVSTACK_JVM_OPTIONS"),
                "DEVSTACK_JVM_OPTIONS_" + variableName(app));
    }

    /** {@code journal-service} → {@code JOURNAL_SERVICE}. */
    static String variableName(Apps app) {
        return app.module().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static List<String> kafka() {
        return withVariable(KAFKA, "DEVSTACK_KAFKA_JVM_OPTIONS");
    }

    static List<String> kafkaProperties() {
        return withVariable(KAFKA_PROPERTIES, "DEVSTACK_KAFKA_PROPERTIES");
    }

    private static List<String> withVariable(List<String> defaults, String variable) {
        List<String> options = new ArrayList<>(defaults);
        Optional.ofNullable(System.getenv(variable)).map(String::strip).filter(value -> !value.isEmpty())
                .ifPresent(value -> options.addAll(Arrays.asList(value.split("\\s+"))));
        return List.copyOf(options);
    }
}
