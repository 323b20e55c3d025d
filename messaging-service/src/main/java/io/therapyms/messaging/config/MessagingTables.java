package io.therapyms.messaging.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;

/** The tables messaging-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class MessagingTables {

    public static final String MAIN = "messaging";

    /** One table for the service's aggregates; access patterns are listed in the service README. */
    @Produces
    @Singleton
    TableSpec main() {
        return TableSpec.singleTable(MAIN);
    }
}
