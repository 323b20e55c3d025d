package io.therapyms.scheduling;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.scheduling.config.SchedulingTables;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.ServiceContractTest;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class SchedulingServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "scheduling-service";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of(SchedulingTables.MAIN);
    }
}
