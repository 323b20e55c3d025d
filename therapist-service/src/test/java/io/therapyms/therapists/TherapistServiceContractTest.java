package io.therapyms.therapists;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.therapists.config.TherapistTables;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.ServiceContractTest;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TherapistServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "therapist-service";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of(TherapistTables.MAIN);
    }

    @Override
    protected Optional<String> authenticatedGetPath() {
        return Optional.of("/api/therapists");
    }

    @Override
    protected Map<String, List<String>> documentedOperations() {
        return Map.of(
                "POST /api/therapists", List.of("409"),
                "GET /api/therapists", List.of(),
                "GET /api/therapists/{therapistId}", List.of(),
                "POST /api/therapists/{therapistId}/verification", List.of(),
                "GET /api/therapists/{therapistId}/clients", List.of(),
                "POST /api/mapping-requests", List.of("409"),
                "PUT /api/mapping-requests/{mappingRequestId}", List.of("403"),
                "DELETE /api/mappings/{clientId}/{therapistId}", List.of());
    }
}
