package io.therapyms.auth.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.therapyms.auth.keys.SigningKeys;
import io.therapyms.auth.mfa.MfaService;

/** The prod profile refuses weak settings instead of running with them. */
@Singleton
public class ProductionChecks {

    static final int MIN_PROD_BCRYPT_COST = 12;

    @Inject
    AuthConfig config;

    @Inject
    SigningKeys keys; // fails the start-up with a clear message when no signing key is configured

    @Inject
    MfaService mfa; // fails the start-up when MFA_ENCRYPTION_KEY is missing, malformed, or the test key in prod

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        keys.keyId();
        mfa.requiredRoles();
        if (ConfigUtils.getProfiles().contains("prod") && config.bcryptCost() < MIN_PROD_BCRYPT_COST) {
            throw new IllegalStateException("tms.auth.bcrypt-cost must be at least " + MIN_PROD_BCRYPT_COST + " in prod");
        }
    }
}
