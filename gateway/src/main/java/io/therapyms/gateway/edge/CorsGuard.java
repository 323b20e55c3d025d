package io.therapyms.gateway.edge;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Credentials are allowed cross-origin, so a wildcard origin would hand any web page the user's
 * session: refuse to start with one rather than serve it.
 */
@ApplicationScoped
class CorsGuard {

    void check(@Observes StartupEvent startup,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        if (origins.orElse(List.of()).stream().anyMatch(origin -> origin.trim().equals("*"))) {
            throw new IllegalStateException(
                    "CORS_ORIGINS must list origins explicitly; '*' is not allowed with credentials");
        }
    }
}
