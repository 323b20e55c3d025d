package io.therapyms.gateway.health;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /health}: the whole system's state as seen from the edge. The gateway answering at all
 * means it is alive; it is UP when every backend is ready.
 */
@Path("/health")
public class HealthResource {

    private final BackendHealth backendHealth;

    HealthResource(BackendHealth backendHealth) {
        this.backendHealth = backendHealth;
    }

    public record SystemHealth(String status, Map<String, String> services) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> health() {
        return Uni.createFrom().completionStage(() -> backendHealth.check().toCompletionStage())
                .map(services -> {
                    boolean allUp = services.values().stream().allMatch(BackendHealth.UP::equals);
                    SystemHealth health = new SystemHealth(allUp ? BackendHealth.UP : BackendHealth.DOWN, services);
                    return Response.status(allUp ? 200 : 503).entity(health).build();
                });
    }
}
