package io.therapyms.journal;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.ServiceContractTest;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class JournalServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "journal-service";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of(JournalTables.MAIN);
    }
}
