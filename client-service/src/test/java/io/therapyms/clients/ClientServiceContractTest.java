package io.therapyms.clients;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.clients.config.ClientTables;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.ServiceContractTest;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ClientServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "client-service";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of(ClientTables.MAIN);
    }

    @Override
    protected Optional<String> authenticatedGetPath() {
        return Optional.of("/api/clients");
    }

    @Override
    protected Map<String, List<String>> documentedOperations() {
        return Map.of(
                "POST /api/clients", List.of("409"),
                "GET /api/clients", List.of("400"),
                "GET /api/clients/{clientId}", List.of("404"),
                "PUT /api/clients/{clientId}", List.of("403"),
                "DELETE /api/clients/{clientId}", List.of("204"),
                "GET /api/clients/{clientId}/therapists", List.of());
    }
}
