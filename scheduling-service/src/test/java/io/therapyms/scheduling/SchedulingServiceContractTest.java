package io.therapyms.scheduling;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Override
    protected Optional<String> authenticatedGetPath() {
        return Optional.of("/api/sessions");
    }

    @Override
    protected Map<String, List<String>> documentedOperations() {
        return Map.of(
                "POST /api/session-slots/{therapistId}", List.of("201", "400", "401", "403", "404", "409"),
                "GET /api/session-slots/{therapistId}", List.of("200", "400", "401", "404"),
                "DELETE /api/session-slots/{therapistId}/{slotId}", List.of("204", "401", "403", "404", "409"),
                "POST /api/appointment-requests", List.of("201", "400", "401", "403", "404", "409"),
                "GET /api/appointment-requests", List.of("200", "400", "401"),
                "PUT /api/appointment-requests/{id}", List.of("200", "400", "401", "403", "404", "409"),
                "GET /api/sessions", List.of("200", "400", "401"),
                "GET /api/sessions/{sessionId}", List.of("200", "401", "404"),
                "PUT /api/sessions/{sessionId}", List.of("200", "400", "401", "403", "404", "409"));
    }
}
