package io.therapyms.gateway.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.therapyms.gateway.routing.Backend;
import io.therapyms.gateway.routing.InstanceBalancer;
import io.therapyms.gateway.routing.RouteTable;
import io.vertx.core.Future;

/** Asks every backend's readiness endpoint at once; a backend that errs or is slow counts as down. */
@ApplicationScoped
class BackendHealth {

    static final String UP = "UP";
    static final String DOWN = "DOWN";

    private final InstanceBalancer balancer;
    private final RouteTable routes;

    BackendHealth(InstanceBalancer balancer, RouteTable routes) {
        this.balancer = balancer;
        this.routes = routes;
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

    /** UP when any instance is ready: the gateway sends the service's requests to those. */
    private Future<String> check(Backend backend) {
        List<Future<Boolean>> instances = backend.instances().stream().map(balancer::probe).toList();
        return Future.all(instances).map(all -> instances.stream().anyMatch(Future::result) ? UP : DOWN);
    }
}
