package io.therapyms.auth;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
@TestProfile(AdminBootstrapTest.WithAdminCredentials.class)
class AdminBootstrapTest {

    static final String ADMIN_EMAIL = "First.Admin@Example.org";
    static final String ADMIN_PASSWORD = "the admin's own passphrase 9";

    public static class WithAdminCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tms.auth.admin.email", ADMIN_EMAIL, "tms.auth.admin.password", ADMIN_PASSWORD);
        }
    }

    @Test
    void createsTheFirstAdminFromConfiguration() {
        AuthApi.login(ADMIN_EMAIL.toLowerCase(), ADMIN_PASSWORD).then().statusCode(200).body("role", equalTo("admin"));
    }
}
