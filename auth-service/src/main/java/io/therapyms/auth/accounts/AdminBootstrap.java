package io.therapyms.auth.accounts;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.therapyms.auth.config.AuthConfig;
import io.therapyms.events.EmailAddresses;
import io.therapyms.platform.security.Role;

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when both are set and the account does
 * not exist. There are no default credentials: without both variables no admin is created.
 */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @Inject
    AuthConfig config;

    @Inject
    AccountRepository repository;

    @Inject
    AccountService accounts;

    // After the table bootstrap (PLATFORM_BEFORE + 10).
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        if (config.admin().email().isEmpty() || config.admin().password().isEmpty()) {
            return;
        }
        String email = Emails.normalize(config.admin().email().get());
        if (!EmailAddresses.isWellFormed(email)) {
            throw new IllegalStateException("ADMIN_EMAIL is not a well-formed email address: " + email);
        }
        if (repository.findByEmail(email).isPresent()) {
            return;
        }
        try {
            accounts.register(email, config.admin().password().get(), Role.ADMIN, "Administrator");
            LOG.info("Created the first admin account (the address given in ADMIN_EMAIL)");
        } catch (EmailTakenException createdConcurrently) {
            // another instance created it first
        }
    }
}
