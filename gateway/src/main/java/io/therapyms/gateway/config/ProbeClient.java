package io.therapyms.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** The client the gateway uses to ask backends about themselves (readiness, OpenAPI documents). */
@ApplicationScoped
public class ProbeClient {

    @Produces
    @ApplicationScoped
    WebClient webClient(Vertx vertx, GatewayConfig config) {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeouts().probe().toMillis()));
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
