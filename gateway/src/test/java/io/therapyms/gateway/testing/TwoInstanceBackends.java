package io.therapyms.gateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The seven fakes, with client-service twice: the gateway is given both URLs, comma-separated, and checks their
 * readiness every 200 ms. Test classes get this instance injected into a field of type {@code TwoInstanceBackends}.
 */
public class TwoInstanceBackends extends FakeBackends {

    public static final String SERVICE = "client-service";
    private FakeBackend second;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        FakeBackend first = backend(SERVICE);
        second = new FakeBackend(vertx(), SERVICE, first.documentedPath(), false);
        second.start();
        config.put("gateway.services." + SERVICE + ".url",
                "http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + second.port());
        config.put("gateway.balancing.check-interval", "200ms");
        return config;
    }

    @Override
    public void inject(QuarkusTestResourceLifecycleManager.TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(TwoInstanceBackends.class));
    }

    public FakeBackend first() {
        return backend(SERVICE);
    }

    public FakeBackend second() {
        return second;
    }
}
