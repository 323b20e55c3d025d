package io.therapyms.messaging;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.ServiceContractTest;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MessagingServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "messaging-service";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of(MessagingTables.MAIN);
    }
}
