package io.therapyms.journal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return List.of(JournalTables.MAIN, JournalTables.ACCESS_LOG);
    }

    @Override
    protected Optional<String> authenticatedGetPath() {
        return Optional.of("/api/journal-access-requests");
    }

    @Override
    protected Map<String, List<String>> documentedOperations() {
        // Map.ofEntries: more than ten operations
        return Map.ofEntries(
                Map.entry("POST /api/journals/{clientId}", List.of("201", "400", "403", "404")),
                Map.entry("GET /api/journals/{clientId}", List.of("403", "404", "503")),
                Map.entry("GET /api/journals/{clientId}/{entryId}", List.of("403", "404", "503")),
                Map.entry("PUT /api/journals/{clientId}/{entryId}", List.of("403", "404")),
                Map.entry("DELETE /api/journals/{clientId}/{entryId}", List.of("204", "404")),
                Map.entry("GET /api/journals/{clientId}/insights", List.of("400", "503")),
                Map.entry("GET /api/journals/{clientId}/access-log", List.of("403", "404")),
                Map.entry("POST /api/journal-access-requests", List.of("201", "409")),
                Map.entry("GET /api/journal-access-requests", List.of("200")),
                Map.entry("PUT /api/journal-access-requests/{journalAccessRequestId}", List.of("403", "404", "409")),
                Map.entry("POST /api/journals/{clientId}/measures", List.of("201", "400", "403", "404")),
                Map.entry("GET /api/journals/{clientId}/measures", List.of("200", "400", "403", "404", "503")));
    }
}
