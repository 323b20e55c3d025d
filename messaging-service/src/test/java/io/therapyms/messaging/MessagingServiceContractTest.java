package io.therapyms.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Override
    protected Optional<String> authenticatedGetPath() {
        return Optional.of("/api/conversations");
    }

    @Override
    protected Map<String, List<String>> documentedOperations() {
        return Map.of(
                "POST /api/messages", List.of("201", "403"),
                "GET /api/messages", List.of("400"),
                "GET /api/messages/{messageId}", List.of("404"),
                "PUT /api/messages/{messageId}", List.of("403", "409"),
                "DELETE /api/messages/{messageId}", List.of("204"),
                "GET /api/conversations", List.of("200"),
                "GET /api/notifications", List.of("200"),
                "PUT /api/notifications/{notificationId}", List.of("404"),
                "POST /api/notifications/read-all", List.of("204"));
    }
}
