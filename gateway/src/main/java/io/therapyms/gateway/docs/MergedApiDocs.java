package io.therapyms.gateway.docs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.therapyms.gateway.config.GatewayConfig;
import io.therapyms.gateway.routing.Backend;
import io.therapyms.gateway.routing.Backend.Instance;
import io.therapyms.gateway.routing.InstanceBalancer;
import io.therapyms.gateway.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;

/**
 * The merged OpenAPI document, built from every service's {@code /q/openapi} and reused for a short
 * while. A service that does not answer is left out and named in {@code x-unavailable-services}.
 */
@ApplicationScoped
class MergedApiDocs {

    private static final Logger LOG = Logger.getLogger(MergedApiDocs.class);
    private static final String OPENAPI_PATH = "/q/openapi";

    private record Snapshot(Future<ObjectNode> document, long expiresAtNanos) {
    }

    private final WebClient client;
    private final RouteTable routes;
    private final ObjectMapper objectMapper;
    private final OpenApiMerger merger;
    private final InstanceBalancer balancer;
    private final long probeTimeoutMillis;
    private final long cacheTtlNanos;
    /** The latest build, possibly still in progress, so concurrent callers share one round of fetches. */
    private volatile Snapshot snapshot;

    MergedApiDocs(WebClient client, RouteTable routes, ObjectMapper objectMapper, GatewayConfig config,
            InstanceBalancer balancer, @ConfigProperty(name = "quarkus.application.version") Optional<String> version) {
        this.client = client;
        this.balancer = balancer;
        this.routes = routes;
        this.objectMapper = objectMapper;
        this.merger = new OpenApiMerger(version.orElse("unversioned"));
        this.probeTimeoutMillis = config.timeouts().probe().toMillis();
        this.cacheTtlNanos = config.apiDocs().cacheTtl().toNanos();
    }

    Future<ObjectNode> document() {
        long now = System.nanoTime();
        Snapshot current = snapshot;
        if (current != null && now - current.expiresAtNanos() < 0) {
            return current.document();
        }
        Future<ObjectNode> document = build();
        snapshot = new Snapshot(document, now + cacheTtlNanos);
        return document;
    }

    private Future<ObjectNode> build() {
        List<Backend> backends = routes.backends();
        List<Future<Optional<JsonNode>>> fetches = backends.stream().map(this::fetch).toList();
        return Future.all(fetches).map(ignored -> {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < backends.size(); i++) {
                Optional<JsonNode> document = fetches.get(i).result();
                if (document.isPresent()) {
                    documents.put(backends.get(i).name(), document.get());
                } else {
                    unavailable.add(backends.get(i).name());
                }
            }
            return merger.merge(documents, unavailable);
        });
    }

    /** One service's document (from its next ready instance; all serve the same), or empty when it cannot be had. */
    private Future<Optional<JsonNode>> fetch(Backend backend) {
        Instance instance = balancer.order(backend).get(0);
        return client.get(instance.port(), instance.host(), OPENAPI_PATH)
                .ssl(instance.tls())
                .addQueryParam("format", "json")
                .timeout(probeTimeoutMillis)
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.warnf("OpenAPI of %s: HTTP %d", backend.name(), response.statusCode());
                        return Optional.<JsonNode>empty();
                    }
                    try {
                        JsonNode document = objectMapper.readTree(response.body().getBytes());
                        return document.isObject() ? Optional.of(document) : Optional.<JsonNode>empty();
                    } catch (IOException e) {
                        LOG.warnf("OpenAPI of %s is not JSON: %s", backend.name(), e.getMessage());
                        return Optional.<JsonNode>empty();
                    }
                })
                .otherwise(failure -> {
                    LOG.warnf("OpenAPI of %s unavailable: %s", backend.name(), failure.toString());
                    return Optional.empty();
                });
    }
}
