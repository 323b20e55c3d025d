package io.therapyms.auth;

import java.util.List;
import java.util.Optional;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.auth.config.AuthTables;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.ServiceContractTest;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "auth-service";
    }

    @Override
    protected List<String> expectedTables() {
        return List.of(AuthTables.MAIN);
    }

    @Override
    protected Optional<String> authenticatedGetPath() {
        return Optional.of("/api/auth/me");
    }
}
