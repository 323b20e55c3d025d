package io.therapyms.auth.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.therapyms.auth.keys.SigningKeys;

/** The prod profile refuses weak settings instead of running with them. */
@Singleton
public class ProductionChecks {

    static final int MIN_PROD_BCRYPT_COST = 12;

    @Inject
    AuthConfig config;

    @Inject
    SigningKeys keys; // fails the start-up with a clear message when no signing key is configured

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        keys.keyId();
        if (ConfigUtils.getProfiles().contains("prod") && config.bcryptCost() < MIN_PROD_BCRYPT_COST) {
            throw new IllegalStateException("tms.auth.bcrypt-cost must be at least " + MIN_PROD_BCRYPT_COST + " in prod");
        }
    }
}
