package io.therapyms.journal.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;

/** The tables journal-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class JournalTables {

    public static final String MAIN = "journal";

    /** One table for the service's aggregates; access patterns are listed in the service README. */
    @Produces
    @Singleton
    TableSpec main() {
        return TableSpec.singleTable(MAIN);
    }
}
