package io.therapyms.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.therapyms.gateway.config.GatewayConfig;
import io.therapyms.gateway.routing.Backend.Instance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

/**
 * Which instance of a service gets the next request: round robin over the instances that answered their last
 * readiness check, the others kept only as a last resort. Every {@code gateway.balancing.check-interval} each
 * instance of a service that has several is asked {@code /q/health/ready}; one that fails it, or refuses a
 * connection, leaves the rotation at once and comes back when a check succeeds again. A service with a single
 * instance is never checked here: there is nothing to choose.
 */
@ApplicationScoped
@Startup
public class InstanceBalancer {

    private static final Logger LOG = Logger.getLogger(InstanceBalancer.class);
    static final String READINESS_PATH = "/q/health/ready";

    private final Map<Instance, Boolean> ready = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> next = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final WebClient client;
    private final long probeTimeoutMillis;
    private final long timerId;
    private final List<Backend> checked;

    InstanceBalancer(Vertx vertx, WebClient client, RouteTable routes, GatewayConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.probeTimeoutMillis = config.timeouts().probe().toMillis();
        this.checked = routes.backends().stream().filter(backend -> backend.instances().size() > 1).toList();
        this.timerId = checked.isEmpty() ? -1
                : vertx.setPeriodic(config.balancing().checkInterval().toMillis(), ignored -> checkAll());
    }

    /** The instances of {@code backend} in the order to try them: the ready ones from the next in turn, then the rest. */
    public List<Instance> order(Backend backend) {
        List<Instance> instances = backend.instances();
        if (instances.size() == 1) {
            return instances;
        }
        int start = Math.floorMod(next.computeIfAbsent(backend.name(), name -> new AtomicInteger()).getAndIncrement(),
                instances.size());
        List<Instance> inRotation = new ArrayList<>(instances.size());
        List<Instance> lastResort = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get((start + i) % instances.size());
            (isReady(instance) ? inRotation : lastResort).add(instance);
        }
        inRotation.addAll(lastResort);
        return inRotation;
    }

    public boolean isReady(Instance instance) {
        return ready.getOrDefault(instance, true);
    }

    /** A connection to {@code instance} failed: out of the rotation until its readiness check passes. */
    public void connectionFailed(String service, Instance instance) {
        if (ready.put(instance, false) != Boolean.FALSE) {
            LOG.warnf("%s instance %s refused a connection; out of rotation until it is ready again", service, instance);
        }
    }

    /** Asks {@code instance}'s readiness endpoint; a failure, an error status or silence counts as not ready. */
    public Future<Boolean> probe(Instance instance) {
        return client.get(instance.port(), instance.host(), READINESS_PATH)
                .ssl(instance.tls())
                .timeout(probeTimeoutMillis)
                .send()
                .map(response -> response.statusCode() == 200)
                .otherwise(false);
    }

    private void checkAll() {
        for (Backend backend : checked) {
            for (Instance instance : backend.instances()) {
                probe(instance).onSuccess(isReady -> {
                    Boolean before = ready.put(instance, isReady);
                    if (before != null && before != isReady) {
                        LOG.infof("%s instance %s is %s", backend.name(), instance, isReady ? "ready again" : "not ready");
                    }
                });
            }
        }
    }

    @PreDestroy
    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
