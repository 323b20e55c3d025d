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
        return Map.ofEntries(
                Map.entry("POST /api/session-slots/{therapistId}", List.of("201", "400", "401", "403", "404", "409")),
                Map.entry("GET /api/session-slots/{therapistId}", List.of("200", "400", "401", "404")),
                Map.entry("DELETE /api/session-slots/{therapistId}/{slotId}", List.of("204", "401", "403", "404", "409")),
                Map.entry("POST /api/appointment-requests", List.of("201", "400", "401", "403", "404", "409")),
                Map.entry("GET /api/appointment-requests", List.of("200", "400", "401")),
                Map.entry("PUT /api/appointment-requests/{id}", List.of("200", "400", "401", "403", "404", "409")),
                Map.entry("GET /api/sessions", List.of("200", "400", "401")),
                Map.entry("GET /api/sessions/{sessionId}", List.of("200", "401", "404")),
                Map.entry("PUT /api/sessions/{sessionId}", List.of("200", "400", "401", "403", "404", "409")),
                Map.entry("POST /api/calendar/feed", List.of("201", "400", "401", "403", "409")),
                Map.entry("GET /api/calendar/feed", List.of("200", "401", "403", "404")),
                Map.entry("DELETE /api/calendar/feed", List.of("204", "401", "403", "404")),
                Map.entry("GET /api/calendar/{token}.ics", List.of("200", "404")));
    }
}
