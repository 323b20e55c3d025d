package io.therapyms.gateway.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.therapyms.gateway.config.GatewayConfig;
import io.therapyms.gateway.routing.Backend;
import io.therapyms.gateway.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;

/** Asks every backend's readiness endpoint at once; a backend that errs or is slow counts as down. */
@ApplicationScoped
class BackendHealth {

    static final String UP = "UP";
    static final String DOWN = "DOWN";
    private static final String READINESS_PATH = "/q/health/ready";

    private final WebClient client;
    private final RouteTable routes;
    private final long timeoutMillis;

    BackendHealth(WebClient client, RouteTable routes, GatewayConfig config) {
        this.client = client;
        this.routes = routes;
        this.timeoutMillis = config.timeouts().probe().toMillis();
    }

    /** Each backend's state by name, in name order. Never fails. */
    Future<Map<String, String>> check() {
        List<Backend> backends = routes.backends();
        List<Future<String>> states = backends.stream().map(this::check).toList();
        return Future.all(states).transform(ignored -> {
            Map<String, String> byName = new LinkedHashMap<>();
            for (int i = 0; i < backends.size(); i++) {
                byName.put(backends.get(i).name(), states.get(i).result());
            }
            return Future.succeededFuture(byName);
        });
    }

    private Future<String> check(Backend backend) {
        return client.get(backend.port(), backend.host(), READINESS_PATH)
                .ssl(backend.tls())
                .timeout(timeoutMillis)
                .send()
                .map(response -> response.statusCode() == 200 ? UP : DOWN)
                .otherwise(DOWN);
    }
}
