package io.therapyms.auth;

import java.util.List;
import java.util.Map;
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

    @Override
    protected Map<String, List<String>> documentedOperations() {
        return Map.ofEntries(
                Map.entry("POST /api/signup", List.of("201", "400", "409")),
                Map.entry("POST /api/login", List.of("200", "400", "401", "429")),
                Map.entry("POST /api/auth/refresh", List.of("200", "400", "401", "403")),
                Map.entry("POST /api/auth/logout", List.of("204", "400", "401", "403")),
                Map.entry("POST /api/auth/password", List.of("204", "400", "401", "403")),
                Map.entry("GET /api/auth/me", List.of("200", "401")),
                Map.entry("POST /api/admin/users/{userId}/deactivate", List.of("204", "401", "403", "404")),
                Map.entry("GET /.well-known/jwks.json", List.of()));
    }
}
