package io.therapyms.browsertests.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.therapyms.devstack.LocalStack;
import io.therapyms.devstack.StackPorts;

/**
 * {@code @ExtendWith(BrowserStack.class)}: checks for Chromium first (skips, or fails with
 * {@code -Dtms.browser.required=true}), then starts ONE packaged stack per test JVM the way system-tests does —
 * devstack's LocalStack, fresh data in {@code target/stack} — on offsets from 4000 (system-tests starts at 200), so
 * both suites and ./run can run at once. Test methods receive the {@link Stack}, which opens browsers.
 */
public final class BrowserStack implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserStack.class);
    private static final int FIRST_OFFSET = 4000;
    private static final int OFFSET_STEP = 100;
    private static final int OFFSETS_TRIED = 30;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    /** Decided before anything starts: no Chromium means no stack either. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Chromium.missing()
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("chromium and chromedriver present"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).stack();
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(),
                Running.class).orThrow();
    }

    /** The running stack as the tests see it: its URL, an admin, and browsers opened on it. */
    public record Stack(String baseUrl, String adminEmail, String adminPassword, LocalStack local) {

        /** A fresh headless Chromium (own profile) on this stack; close it (try-with-resources). */
        public Browser openBrowser(String name) {
            return Browser.open(name, baseUrl);
        }

        /**
         * The same on {@code http://localhost:<port>}: WebAuthn (passkeys) needs a domain as its RP id, which
         * 127.0.0.1 is not; devstack sets auth-service's WEBAUTHN_ORIGINS to this origin.
         */
        public Browser openBrowserOnLocalhost(String name) {
            return Browser.open(name, baseUrl.replace("://127.0.0.1:", "://localhost:"));
        }
    }

    private record Running(Stack stack, RuntimeException failure) implements AutoCloseable {

        static Running start() {
            try {
                return startStack();
            } catch (RuntimeException e) {
                return new Running(null, e);
            }
        }

        Running orThrow() {
            if (failure != null) {
                throw failure;
            }
            return this;
        }

        private static Running startStack() {
            String adminEmail = "admin@example.com";
            String adminPassword = "admin-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            StackPorts ports = StackPorts.firstFree(FIRST_OFFSET, OFFSET_STEP, OFFSETS_TRIED);
            long started = System.nanoTime();
            LocalStack local = LocalStack.start(LocalStack.Options.defaults()
                    .withPortOffset(ports.offset())
                    .withDataDir(Path.of(System.getProperty("browser-tests.stack-dir", "target/stack")))
                    .withFresh(true)
                    .withTimeout(START_TIMEOUT)
                    .withEnvironment(Map.of(
                            "ADMIN_EMAIL", adminEmail,
                            "ADMIN_PASSWORD", adminPassword,
                            // Every request comes from 127.0.0.1.
                            "RATE_LIMIT_AUTH_PER_MINUTE", "1000000",
                            "RATE_LIMIT_API_PER_MINUTE", "10000000",
                            "BCRYPT_COST", "4",
                            // The tests script an admin without a second factor.
                            "MFA_REQUIRED_ROLES", "none"))
                    .withJvmOptions(List.of("-XX:TieredStopAtLevel=1")));
            System.out.printf("browser-tests: stack up at %s (port offset %d) in %.1f s; logs in %s%n",
                    local.gatewayUrl(), ports.offset(), (System.nanoTime() - started) / 1e9, local.logDir());
            return new Running(new Stack(local.gatewayUrl(), adminEmail, adminPassword, local), null);
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.local().close();
            }
        }
    }
}
