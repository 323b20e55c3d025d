package io.therapyms.therapists;

import java.util.List;
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
}
