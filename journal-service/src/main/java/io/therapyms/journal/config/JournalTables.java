package io.therapyms.journal.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.dynamo.TableSpec.Index;
import io.therapyms.platform.dynamo.TableSpec.Key;

/** The tables journal-service owns, created at start-up by the platform's table bootstrap. */
@Singleton
public class JournalTables {

    /** Entries, links, grant pairs and access requests; access patterns are listed in the service README. */
    public static final String MAIN = "journal";
    /** The access log: pk = LOG#clientId, sk = at#id. Its own table so that its failure is isolated and testable. */
    public static final String ACCESS_LOG = "journal-access-log";

    public static final String GSI3 = "gsi3";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";

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

    @Produces
    @Singleton
    TableSpec accessLog() {
        return TableSpec.builder(ACCESS_LOG, Key.string(TableSpec.PK)).sortKey(Key.string(TableSpec.SK)).build();
    }
}
