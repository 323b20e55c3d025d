package io.therapyms.devstack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The applications a stack starts, in one place: module folder (also the name shown), ./run's port, the path that
 * says it is up, and the environment variable through which the gateway finds it.
 */
public enum Apps {

    AUTH_SERVICE("auth-service", 8081, "AUTH_SERVICE_URL"),
    CLIENT_SERVICE("client-service", 8082, "CLIENT_SERVICE_URL"),
    THERAPIST_SERVICE("therapist-service", 8083, "THERAPIST_SERVICE_URL"),
    SCHEDULING_SERVICE("scheduling-service", 8084, "SCHEDULING_SERVICE_URL"),
    JOURNAL_SERVICE("journal-service", 8085, "JOURNAL_SERVICE_URL"),
    MESSAGING_SERVICE("messaging-service", 8086, "MESSAGING_SERVICE_URL"),
    ANALYTICS_SERVICE("analytics-service", 8087, "ANALYTICS_SERVICE_URL"),
    GATEWAY("gateway", 8080, null);

    /** A service is up when its readiness check passes. */
    private static final String SERVICE_HEALTH_PATH = "/q/health/ready";
    /** The gateway's health reports every service, so the gateway being up means the whole stack is. */
    private static final String STACK_HEALTH_PATH = "/health";

    private final String module;
    private final int defaultPort;
    private final String gatewayUrlVariable;

    Apps(String module, int defaultPort, String gatewayUrlVariable) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.gatewayUrlVariable = gatewayUrlVariable;
    }

    /** The module folder, also the name in progress lines and the log file's name. */
    public String module() {
        return module;
    }

    /** The port under ./run; a stack with a port offset adds it (see {@link StackPorts}). */
    int defaultPort() {
        return defaultPort;
    }

    String healthPath() {
        return this == GATEWAY ? STACK_HEALTH_PATH : SERVICE_HEALTH_PATH;
    }

    /** The variable the gateway reads this service's URL from; empty for the gateway itself. */
    Optional<String> gatewayUrlVariable() {
        return Optional.ofNullable(gatewayUrlVariable);
    }

    Path runnableJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
