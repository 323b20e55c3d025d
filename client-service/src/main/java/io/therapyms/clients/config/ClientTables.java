package io.therapyms.clients.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;

/** The tables client-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class ClientTables {

    public static final String MAIN = "clients";

    /**
     * One table for profiles, links and the therapist-name projection. gsi1: the admin directory
     * (fixed partition, lower-cased name as sort key) and each therapist's linked clients; gsi2:
     * each client's linked therapists. Both indexes are sparse: ended links and deleted profiles
     * drop their index keys. The service README lists every access pattern.
     */
    @Produces
    @Singleton
    TableSpec main() {
        return TableSpec.singleTable(MAIN);
    }
}
