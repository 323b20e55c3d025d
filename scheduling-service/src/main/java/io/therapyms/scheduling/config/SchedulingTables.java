package io.therapyms.scheduling.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.dynamo.TableSpec.Index;
import io.therapyms.platform.dynamo.TableSpec.Key;

/** The tables scheduling-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class SchedulingTables {

    public static final String MAIN = "scheduling";

    /** Sparse admin index: every appointment request (gsi3pk = AREQ) and every session (gsi3pk = SESS). */
    public static final String GSI3 = "gsi3";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";

    /** Sparse index of the requests for a therapist's slots (gsi4pk = TAREQ#therapistId). */
    public static final String GSI4 = "gsi4";
    public static final String GSI4_PK = "gsi4pk";
    public static final String GSI4_SK = "gsi4sk";

    /** One table for the service's aggregates; access patterns are listed in the service README. */
    @Produces
    @Singleton
    TableSpec main() {
        return TableSpec.builder(MAIN, Key.string(TableSpec.PK)).sortKey(Key.string(TableSpec.SK))
                .index(Index.of(TableSpec.GSI1, Key.string(TableSpec.GSI1_PK), Key.string(TableSpec.GSI1_SK)))
                .index(Index.of(TableSpec.GSI2, Key.string(TableSpec.GSI2_PK), Key.string(TableSpec.GSI2_SK)))
                .index(Index.of(GSI3, Key.string(GSI3_PK), Key.string(GSI3_SK)))
                .index(Index.of(GSI4, Key.string(GSI4_PK), Key.string(GSI4_SK)))
                .withOutbox()
                .build();
    }
}
