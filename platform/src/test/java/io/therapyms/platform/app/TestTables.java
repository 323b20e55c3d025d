package io.therapyms.platform.app;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.therapyms.platform.dynamo.TableSpec;

@Singleton
public class TestTables {

    public static final String ITEMS = "platform-test-items";

    @Produces
    @Singleton
    TableSpec items() {
        return TableSpec.singleTable(ITEMS);
    }
}
