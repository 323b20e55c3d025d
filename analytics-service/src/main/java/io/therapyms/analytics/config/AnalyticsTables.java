package io.therapyms.analytics.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.dynamo.TableSpec.Index;
import io.therapyms.platform.dynamo.TableSpec.Key;

/**
 * The one table of read models, created at start-up by the platform's bootstrap. No outbox: this service
 * publishes nothing. Every index key ends with an id, so no two items share one (see ARCHITECTURE.md).
 */
@Singleton
public class AnalyticsTables {

    public static final String MAIN = "analytics";

    /** The client whose id an item holds, for erasure: gsi3pk = C#clientId, gsi3sk = kind#id. */
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
                .build();
    }
}
