package io.therapyms.platform.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Refuses to start in production with the development defaults of shared secrets. */
@jakarta.inject.Singleton
public class ProductionGuard {

    static final String DEV_CURSOR_SECRET = "local-cursor-secret-only-for-dev-and-tests";

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, PlatformConfig config) {
        if (LaunchMode.current() == LaunchMode.NORMAL && isProdProfile() && DEV_CURSOR_SECRET.equals(config.cursor().secret())) {
            throw new IllegalStateException("CURSOR_SECRET must be set in the prod profile (the development default is public)");
        }
    }

    private static boolean isProdProfile() {
        return io.quarkus.runtime.configuration.ConfigUtils.getProfiles().contains("prod");
    }
}
