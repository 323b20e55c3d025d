package io.therapyms.devstack.containers;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Whether the container tests can run here. Without an engine (or without the system's images) they are skipped,
 * so {@code ./mvnw verify} passes on a machine with no Docker or podman; with {@code -Dtms.containers.required=true},
 * which CI sets after preparing the engine, the same situation fails the build instead, so the container tests can
 * never be skipped unnoticed.
 */
public final class ContainerEngine {

    /** System property (a Maven user property reaches the test JVM as one) that makes the container tests mandatory. */
    public static final String REQUIRED_PROPERTY = "tms.containers.required";

    private static final String HOW_TO_PREPARE = "build the images with devstack/containers/prepare, then "
            + "export DOCKER_HOST=unix:///run/podman/podman.sock TESTCONTAINERS_RYUK_DISABLED=true "
            + "(or use a Docker host after `docker compose build`)";

    private ContainerEngine() {
    }

    /**
     * Returns normally when an engine answers and every image is present locally; otherwise skips the calling test
     * (a JUnit assumption), or fails it when {@value #REQUIRED_PROPERTY} is set.
     */
    public static void requireImages(List<String> images) {
        String missing = whatIsMissing(images);
        if (missing == null) {
            return;
        }
        String message = missing + ": " + HOW_TO_PREPARE;
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            throw new IllegalStateException(REQUIRED_PROPERTY + " is set, but " + message);
        }
        Assumptions.abort("container test skipped, " + message);
    }

    private static String whatIsMissing(List<String> images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no container engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + ")";
        }
        List<String> absent = images.stream().filter(image -> !present(image)).collect(Collectors.toList());
        return absent.isEmpty() ? null : "images not built: " + String.join(", ", absent);
    }

    private static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
