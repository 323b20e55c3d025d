package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
@TestProfile(AdminBootstrapTest.WithAdminCredentials.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBootstrapTest {

    static final String ADMIN_EMAIL = "First.Admin@Example.org";
    static final String ADMIN_PASSWORD = "the admin's own passphrase 9";

    public static class WithAdminCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the rule as in production (admins must have a second factor), and therapists too, to show that a
            // passkey satisfies it (an admin cannot be signed up)
            return Map.of("tms.auth.admin.email", ADMIN_EMAIL, "tms.auth.admin.password", ADMIN_PASSWORD,
                    "tms.auth.mfa.required-roles", "admin, therapist");
        }
    }

    @Test
    @Order(1)
    void createsTheFirstAdminFromConfiguration() {
        AuthApi.login(ADMIN_EMAIL.toLowerCase(), ADMIN_PASSWORD).then().statusCode(200).body("role", equalTo("admin"));
    }

    /** MFA_REQUIRED_ROLES=admin: the first admin enrols on first login, and can do nothing else before. */
    @Test
    @Order(2)
    void theFirstAdminMustSetUpASecondFactorBeforeAnythingElse() {
        AuthApi.User admin = new AuthApi.User(null, ADMIN_EMAIL.toLowerCase(), ADMIN_PASSWORD, "admin");
        AuthApi.User someone = AuthApi.newUser("client");
        Response login = AuthApi.login(admin.email(), admin.password());
        login.then().statusCode(200);
        String bearer = "Bearer " + login.path("accessToken");
        assertThat(claims(login.path("accessToken"))).contains("\"mfa_enrollment_required\":true");

        AuthApi.me(bearer).then().statusCode(200).body("role", equalTo("admin"))
                .body("mfa.totp", equalTo(false)).body("mfa.passkeys", equalTo(0)).body("mfa.required", equalTo(true));
        assertEnrolmentRequired(deactivate(bearer, someone));
        assertEnrolmentRequired(given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", ADMIN_PASSWORD, "newPassword", "another admin passphrase 10"))
                .post("/api/auth/password"));

        MfaApi.Enrolled enrolled = MfaApi.enrol(admin, bearer);
        AuthApi.me(bearer).then().statusCode(200).body("mfa.totp", equalTo(true)).body("mfa.required", equalTo(true));
        // the token keeps its claim until it is refreshed
        assertEnrolmentRequired(deactivate(bearer, someone));
        Response refreshed = AuthApi.refresh(login.path("refreshToken"));
        refreshed.then().statusCode(200);
        assertThat(claims(refreshed.path("accessToken"))).doesNotContain("mfa_enrollment_required");
        deactivate("Bearer " + refreshed.path("accessToken"), someone).then().statusCode(204);

        // from now on the admin logs in with the second step
        String mfaToken = MfaApi.mfaToken(admin);
        Response second = MfaApi.secondStep(mfaToken, enrolled.app().nextCode(), null);
        second.then().statusCode(200);
        assertThat(claims(second.path("accessToken"))).doesNotContain("mfa_enrollment_required");
    }

    @Test
    @Order(3)
    void rolesOutsideTheRuleAreNotAsked() {
        AuthApi.User client = AuthApi.newUser("client");
        Response login = AuthApi.login(client.email(), client.password());
        login.then().statusCode(200).body("accessToken", org.hamcrest.Matchers.notNullValue());
        assertThat(claims(login.path("accessToken"))).doesNotContain("mfa_enrollment_required");
        AuthApi.me("Bearer " + login.path("accessToken")).then().statusCode(200).body("mfa.required", equalTo(false));
    }

    @Test
    @Order(4)
    void aPasskeySatisfiesTheRuleAndLogsInWithoutTheClaim() {
        AuthApi.User therapist = AuthApi.newUser("therapist");
        Response login = AuthApi.login(therapist.email(), therapist.password());
        assertThat(claims(login.path("accessToken"))).contains("\"mfa_enrollment_required\":true");
        String bearer = "Bearer " + login.path("accessToken");
        assertEnrolmentRequired(PasskeyApi.list(bearer));

        // the registration endpoints are open to a token that must enrol
        PasskeyApi.Registered registered = PasskeyApi.registerAnother(therapist, bearer,
                new io.therapyms.auth.support.SoftAuthenticator());
        AuthApi.me(bearer).then().statusCode(200).body("mfa.passkeys", equalTo(1)).body("mfa.required", equalTo(true));
        Response refreshed = AuthApi.refresh(login.path("refreshToken"));
        assertThat(claims(refreshed.path("accessToken"))).doesNotContain("mfa_enrollment_required");
        PasskeyApi.list("Bearer " + refreshed.path("accessToken")).then().statusCode(200);

        Response passkey = PasskeyApi.login(registered.authenticator().get(PasskeyApi.loginChallenge(), registered.userHandle()));
        passkey.then().statusCode(200);
        assertThat(claims(passkey.path("accessToken"))).doesNotContain("mfa_enrollment_required");
        // the password alone is one factor: a role that must have two, with only a passkey, signs in with it
        AuthApi.login(therapist.email(), therapist.password()).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/passkey-login-required"))
                .body("accessToken", org.hamcrest.Matchers.nullValue());
        AuthApi.login(therapist.email(), "a wrong password entirely").then().statusCode(401);
        // with an authenticator app as well, the password has its second step again
        MfaApi.enrol(therapist, "Bearer " + passkey.path("accessToken"));
        AuthApi.login(therapist.email(), therapist.password()).then().statusCode(200).body("mfaRequired", equalTo(true));
    }

    private static Response deactivate(String bearer, AuthApi.User user) {
        return given().header("Authorization", bearer).post("/api/admin/users/{id}/deactivate", user.userId());
    }

    private static void assertEnrolmentRequired(Response response) {
        response.then().statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("/mfa-enrollment-required"));
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
