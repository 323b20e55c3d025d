package io.therapyms.systemtests.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.therapyms.devstack.LocalStack;
import io.therapyms.devstack.StackPorts;

/**
 * {@code @ExtendWith(SystemStack.class)}: ONE complete stack (dynalite, Kafka, the seven services, the gateway) per test
 * JVM, started before the first test class that asks for it and stopped, every process by pid, when the JVM's tests
 * are done. It runs on the first free set of shifted ports (offset 200, 300, …), never ./run's, with its data in
 * {@code system-tests/target/stack} (wiped on every start), so a developer's ./run and .data/ are left alone.
 *
 * <p>Test methods and constructors receive the {@link Api} (the gateway, as a REST client) and the {@link LocalStack}
 * (to break things: kill -9, Kafka down, a second messaging-service).
 */
public final class SystemStack implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemStack.class);
    private static final int FIRST_OFFSET = 200;
    private static final int OFFSET_STEP = 100;
    private static final int OFFSETS_TRIED = 30;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class || type == LocalStack.class || type == TraceCollector.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class ? running.api() : type == TraceCollector.class ? running.traces() : running.stack();
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(),
                Running.class).orThrow();
    }

    /** How the system tests start a stack: fresh data, a known admin, limits out of the way, quick JIT. */
    static LocalStack.Options options(StackPorts ports, Path dataDir, Credentials admin, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ADMIN_EMAIL", admin.email(),
                "ADMIN_PASSWORD", admin.password(),
                // Every request comes from 127.0.0.1: the per-IP limits would throttle the suite.
                "RATE_LIMIT_AUTH_PER_MINUTE", "1000000",
                "RATE_LIMIT_API_PER_MINUTE", "10000000",
                // Hundreds of sign-ups; the cost factor is not what these tests are about.
                "BCRYPT_COST", "4"));
        environment.putAll(more);
        return LocalStack.Options.defaults()
                .withPortOffset(ports.offset())
                .withDataDir(dataDir)
                .withFresh(true)
                .withTimeout(START_TIMEOUT)
                .withEnvironment(environment)
                // Seven JVMs start at once on a small machine: the quick JIT tier alone starts them sooner.
                .withJvmOptions(List.of("-XX:TieredStopAtLevel=1"));
    }

    /**
     * The stack and its gateway client, or why it could not start: a failed start is remembered, so the other test
     * classes fail at once instead of waiting for another. The root store closes it (every process) at the end.
     */
    private record Running(LocalStack stack, Api api, TraceCollector traces, RuntimeException failure)
            implements AutoCloseable {

        static Running start() {
            try {
                return startStack();
            } catch (RuntimeException e) {
                return new Running(null, null, null, e);
            }
        }

        Running orThrow() {
            if (failure != null) {
                throw failure;
            }
            return this;
        }

        private static Running startStack() {
            Credentials admin = new Credentials("admin@example.com", "admin-" + Api.randomHex(12));
            StackPorts ports = StackPorts.firstFree(FIRST_OFFSET, OFFSET_STEP, OFFSETS_TRIED);
            long started = System.nanoTime();
            // Every process exports its spans to the collector (tracing.BookingTraceTest reads them).
            TraceCollector traces = TraceCollector.start();
            LocalStack stack;
            try {
                stack = LocalStack.start(options(ports, Path.of(System.getProperty("system-tests.stack-dir",
                        "target/stack")), admin, Map.of()).withOtlpEndpoint(traces.endpoint()));
            } catch (RuntimeException e) {
                traces.close();
                throw e;
            }
            System.out.printf("system-tests: stack up at %s (port offset %d) in %.1f s; logs in %s%n",
                    stack.gatewayUrl(), ports.offset(), (System.nanoTime() - started) / 1e9, stack.logDir());
            return new Running(stack, new Api(stack.gatewayUrl(), admin), traces, null);
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
            if (traces != null) {
                traces.close();
            }
        }
    }
}
