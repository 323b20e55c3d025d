package io.therapyms.platform.config;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** Refuses to start in production with the development defaults of shared secrets, or with none at all. */
@jakarta.inject.Singleton
public class ProductionGuard {

    static final String DEV_CURSOR_SECRET = "local-cursor-secret-only-for-dev-and-tests";

    /** What to do, in the words an operator can paste: the start-up error names the variable and the fix. */
    public static final String CURSOR_SECRET_MISSING =
            "CURSOR_SECRET is not set: export CURSOR_SECRET=$(openssl rand -hex 32)";

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, PlatformConfig config) {
        boolean prod = LaunchMode.current() == LaunchMode.NORMAL && ConfigUtils.getProfiles().contains("prod");
        cursorSecretProblem(config.cursor().secret(), prod).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    /**
     * Why the cursor secret cannot be used, if it cannot. An empty value (e.g. {@code CURSOR_SECRET=} from a
     * compose file) arrives as no value; the public development value is fine everywhere but in production.
     */
    static Optional<String> cursorSecretProblem(Optional<String> secret, boolean prod) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            return Optional.of(CURSOR_SECRET_MISSING + " (it is empty)");
        }
        if (prod && DEV_CURSOR_SECRET.equals(secret.get())) {
            return Optional.of(CURSOR_SECRET_MISSING + " (the prod profile refuses the public development value)");
        }
        return Optional.empty();
    }
}
