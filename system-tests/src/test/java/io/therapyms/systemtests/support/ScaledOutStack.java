package io.therapyms.systemtests.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.therapyms.devstack.Apps;
import io.therapyms.devstack.LocalStack;
import io.therapyms.devstack.StackPorts;

/**
 * A stack of its own with TWO instances of every service, the gateway told about both (comma-separated
 * {@code *_SERVICE_URL}): the shape of a deployment beyond one machine. The second instance of each service listens
 * {@link #SECOND_INSTANCE_SHIFT} ports above the first. Close it to stop every process.
 */
public final class ScaledOutStack implements AutoCloseable {

    static final int SECOND_INSTANCE_SHIFT = 50;
    private static final int FIRST_OFFSET = 1200;

    private final LocalStack stack;
    private final Api api;
    private final Map<Apps, LocalStack.ExtraInstance> second = new EnumMap<>(Apps.class);

    private ScaledOutStack(LocalStack stack, Api api) {
        this.stack = stack;
        this.api = api;
    }

    public static ScaledOutStack start() {
        Credentials admin = new Credentials("admin@example.com", "admin-" + Api.randomHex(12));
        StackPorts ports = StackPorts.firstFree(FIRST_OFFSET, 100, 30);
        Map<String, String> gatewayUrls = new HashMap<>();
        for (Apps service : services()) {
            gatewayUrls.put(service.module().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL",
                    "http://127.0.0.1:" + ports.app(service) + ",http://127.0.0.1:" + secondPort(ports, service));
        }
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(SystemStack.options(ports, Path.of("target/scaled-out-stack"), admin,
                gatewayUrls));
        ScaledOutStack scaled = new ScaledOutStack(stack, new Api(stack.gatewayUrl(), admin));
        try {
            for (Apps service : services()) {
                scaled.second.put(service, stack.startExtraInstance(service, secondPort(ports, service)));
            }
        } catch (RuntimeException e) {
            scaled.close();
            throw e;
        }
        System.out.printf("system-tests: scaled-out stack (two of each service) up at %s in %.1f s%n",
                stack.gatewayUrl(), (System.nanoTime() - started) / 1e9);
        return scaled;
    }

    /** Every application but the gateway. */
    public static List<Apps> services() {
        List<Apps> services = new ArrayList<>(List.of(Apps.values()));
        services.remove(Apps.GATEWAY);
        return services;
    }

    private static int secondPort(StackPorts ports, Apps service) {
        return ports.app(service) + SECOND_INSTANCE_SHIFT;
    }

    public LocalStack stack() {
        return stack;
    }

    public Api api() {
        return api;
    }

    @Override
    public void close() {
        second.values().forEach(LocalStack.ExtraInstance::close);
        stack.close();
    }
}
