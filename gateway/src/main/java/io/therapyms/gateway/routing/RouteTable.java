package io.therapyms.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.therapyms.gateway.config.GatewayConfig;

/** Which backend owns a request path, from the {@code gateway.services} configuration. */
@ApplicationScoped
public class RouteTable {

    private record Route(PathPattern pattern, Backend backend) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Backend> backends = new ArrayList<>();

    RouteTable(GatewayConfig config) {
        config.services().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(service -> {
                    Backend backend = Backend.of(service.getKey(), service.getValue().url());
                    backends.add(backend);
                    service.getValue().paths().forEach(path -> routes.add(new Route(PathPattern.parse(path), backend)));
                });
        // Longest base first, so that a more specific entry would win over a broader one.
        routes.sort(Comparator.comparingInt((Route route) -> route.pattern().base().length()).reversed());
    }

    public Optional<Backend> lookup(String path) {
        return routes.stream().filter(route -> route.pattern().matches(path)).map(Route::backend).findFirst();
    }

    /** Every backend, ordered by name. */
    public List<Backend> backends() {
        return List.copyOf(backends);
    }
}
