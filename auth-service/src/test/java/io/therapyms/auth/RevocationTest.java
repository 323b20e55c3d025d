package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static io.therapyms.auth.AuthApi.login;
import static io.therapyms.auth.AuthApi.loginOk;
import static io.therapyms.auth.AuthApi.me;
import static io.therapyms.auth.AuthApi.newUser;
import static io.therapyms.auth.AuthApi.refresh;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

/**
 * Logout, password change and deactivation take effect at once: the event reaches every
 * service's revocation list (here auth-service's own) and the affected access tokens are refused.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RevocationTest {

    /**
     * The revocation travels through the outbox and Kafka; this bound is for correctness only. The
     * latency itself (median well under a second) is measured by the gateway's RevokedTokenTest.
     */
    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    @Test
    void logoutEndsThatSessionButNotTheOthers() {
        AuthApi.User user = newUser("client");
        AuthApi.Tokens session = loginOk(user);
        AuthApi.Tokens otherSession = loginOk(user);

        logout(session).then().statusCode(204);

        refresh(session.refreshToken()).then().statusCode(401);
        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() -> me(session.bearer()).statusCode() == 401);
        me(otherSession.bearer()).then().statusCode(200);
        refresh(otherSession.refreshToken()).then().statusCode(200);
    }

    @Test
    void logoutNeedsAnAccessToken() {
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "x")).post("/api/auth/logout")
                .then().statusCode(401);
    }

    @Test
    void changingThePasswordRevokesEveryOtherSession() {
        AuthApi.User user = newUser("therapist");
        AuthApi.Tokens current = loginOk(user);
        AuthApi.Tokens other = loginOk(user);
        String newPassword = "an entirely new passphrase 7";

        changePassword(current, "wrong current password", newPassword).then().statusCode(403);
        changePassword(current, user.password(), "short").then().statusCode(400);
        changePassword(current, user.password(), newPassword).then().statusCode(204);

        login(user.email(), user.password()).then().statusCode(401);
        login(user.email(), newPassword).then().statusCode(200);
        refresh(other.refreshToken()).then().statusCode(401);
        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() -> me(other.bearer()).statusCode() == 401);
        // The caller's own session goes on: its refresh token still works.
        String renewed = refresh(current.refreshToken()).then().statusCode(200).extract().path("accessToken");
        me("Bearer " + renewed).then().statusCode(200);
    }

    @Test
    void changingThePasswordRefusesTheCallersOwnAccessToken() throws Exception {
        AuthApi.User user = newUser("client");
        AuthApi.Tokens current = loginOk(user);
        // `iat` has whole seconds and a token issued in the change's own second is accepted (API.md):
        // let the second of the login pass first, so the token is unambiguously older than the change.
        long issuedAt = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(current.accessToken().split("\\.")[1]),
                StandardCharsets.UTF_8)).getIssuedAt().getValue();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> Instant.now().getEpochSecond() > issuedAt);

        changePassword(current, user.password(), "an entirely new passphrase 8").then().statusCode(204);

        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() -> me(current.bearer()).statusCode() == 401);
        String renewed = refresh(current.refreshToken()).then().statusCode(200).extract().path("accessToken");
        me("Bearer " + renewed).then().statusCode(200);
    }

    @Test
    void deactivationRefusesTheUsersTokensAndLogins() {
        AuthApi.User user = newUser("client");
        AuthApi.Tokens tokens = loginOk(user);
        String admin = "Bearer " + TestTokens.forUser(UUID.randomUUID().toString(), "admin");

        given().header("Authorization", admin).post("/api/admin/users/{id}/deactivate", user.userId())
                .then().statusCode(204);

        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() -> me(tokens.bearer()).statusCode() == 401);
        login(user.email(), user.password()).then().statusCode(401);
        refresh(tokens.refreshToken()).then().statusCode(401);
        // Idempotent: a second deactivation is fine.
        given().header("Authorization", admin).post("/api/admin/users/{id}/deactivate", user.userId())
                .then().statusCode(204);
    }

    @Test
    void deactivatingAnUnknownUserIs404() {
        String admin = "Bearer " + TestTokens.forUser(UUID.randomUUID().toString(), "admin");
        given().header("Authorization", admin).post("/api/admin/users/{id}/deactivate", UUID.randomUUID().toString())
                .then().statusCode(404);
    }

    private static io.restassured.response.Response logout(AuthApi.Tokens tokens) {
        return given().header("Authorization", tokens.bearer()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", tokens.refreshToken())).post("/api/auth/logout");
    }

    private static io.restassured.response.Response changePassword(AuthApi.Tokens tokens, String current, String next) {
        return given().header("Authorization", tokens.bearer()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/auth/password");
    }
}
