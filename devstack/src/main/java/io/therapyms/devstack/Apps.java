package io.therapyms.devstack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The applications ./run starts, in one place: module folder (also the name shown), port, the URL that says it is
 * up, and the environment variable through which the gateway finds it.
 */
enum Apps {

    AUTH_SERVICE("auth-service", 8081, "AUTH_SERVICE_URL"),
    CLIENT_SERVICE("client-service", 8082, "CLIENT_SERVICE_URL"),
    THERAPIST_SERVICE("therapist-service", 8083, "THERAPIST_SERVICE_URL"),
    SCHEDULING_SERVICE("scheduling-service", 8084, "SCHEDULING_SERVICE_URL"),
    JOURNAL_SERVICE("journal-service", 8085, "JOURNAL_SERVICE_URL"),
    MESSAGING_SERVICE("messaging-service", 8086, "MESSAGING_SERVICE_URL"),
    GATEWAY("gateway", 8080, null);

    /** A service is up when its readiness check passes. */
    private static final String SERVICE_HEALTH_PATH = "/q/health/ready";
    /** The gateway's health reports every service, so the gateway being up means the whole stack is. */
    private static final String STACK_HEALTH_PATH = "/health";

    private final String module;
    private final int port;
    private final String gatewayUrlVariable;

    Apps(String module, int port, String gatewayUrlVariable) {
        this.module = module;
        this.port = port;
        this.gatewayUrlVariable = gatewayUrlVariable;
    }

    /** The module folder, also the name in progress lines and the log file's name. */
    String module() {
        return module;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    String healthUrl() {
        return baseUrl() + (this == GATEWAY ? STACK_HEALTH_PATH : SERVICE_HEALTH_PATH);
    }

    /** The variable the gateway reads this service's URL from; empty for the gateway itself. */
    Optional<String> gatewayUrlVariable() {
        return Optional.ofNullable(gatewayUrlVariable);
    }

    Path runnableJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
