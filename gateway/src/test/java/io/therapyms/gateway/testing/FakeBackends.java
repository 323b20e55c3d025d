package io.therapyms.gateway.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts the seven fake services on random ports and points the gateway's route table at them. Test
 * classes get this instance injected into a field of type {@code FakeBackends}.
 */
public class FakeBackends implements QuarkusTestResourceLifecycleManager {

    public static final String MESSAGING = "messaging-service";

    private Vertx vertx;
    private final Map<String, FakeBackend> backends = new TreeMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        FakeBackend.documentedPaths().forEach((name, path) -> {
            FakeBackend backend = new FakeBackend(vertx, name, path, name.equals(MESSAGING));
            backend.start();
            backends.put(name, backend);
            config.put("gateway.services." + name + ".url", "http://127.0.0.1:" + backend.port());
        });
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(FakeBackends.class));
    }

    public FakeBackend backend(String name) {
        return backends.get(name);
    }

    public Map<String, FakeBackend> all() {
        return backends;
    }

    /** The Vert.x the fakes run on, for tests that need a raw client (WebSockets, a chosen source address). */
    public Vertx vertx() {
        return vertx;
    }
}
