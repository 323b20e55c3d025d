package io.therapyms.therapists.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.dynamo.TableSpec.Index;
import io.therapyms.platform.dynamo.TableSpec.Key;

/** The tables therapist-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class TherapistTables {

    public static final String MAIN = "therapists";

    /** A third overloaded index: every mapping request, newest first, for the admin's list. */
    public static final String GSI3 = "gsi3";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";

    /** One table for the service's aggregates; access patterns are listed in the service README. */
    @Produces
    @Singleton
    TableSpec main() {
        return TableSpec.builder(MAIN, Key.string(TableSpec.PK)).sortKey(Key.string(TableSpec.SK))
                .index(Index.of(TableSpec.GSI1, Key.string(TableSpec.GSI1_PK), Key.string(TableSpec.GSI1_SK)))
                .index(Index.of(TableSpec.GSI2, Key.string(TableSpec.GSI2_PK), Key.string(TableSpec.GSI2_SK)))
                .index(Index.of(GSI3, Key.string(GSI3_PK), Key.string(GSI3_SK)))
                .withOutbox()
                .build();
    }
}
