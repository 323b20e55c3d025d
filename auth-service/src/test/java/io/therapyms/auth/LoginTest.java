package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static io.therapyms.auth.AuthApi.login;
import static io.therapyms.auth.AuthApi.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class LoginTest {

    @Test
    void returnsAnAccessAndARefreshToken() {
        AuthApi.User user = newUser("client");
        login(user.email().toUpperCase(), user.password()).then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("userId", equalTo(user.userId()))
                .body("role", equalTo("client"));
    }

    @Test
    void answersAnUnknownEmailAndAWrongPasswordIdentically() {
        AuthApi.User user = newUser("therapist");
        Response wrongPassword = login(user.email(), "wrong password, long enough");
        Response unknownEmail = login(AuthApi.freshEmail(), "wrong password, long enough");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownEmail.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body().asString()).isEqualTo(unknownEmail.body().asString());
        assertThat(wrongPassword.contentType()).isEqualTo(unknownEmail.contentType());
    }

    @Test
    void aDeactivatedAccountsLoginLooksExactlyLikeAnUnknownEmail() {
        AuthApi.User user = newUser("client");
        String admin = "Bearer " + TestTokens.forUser(UUID.randomUUID().toString(), "admin");
        given().header("Authorization", admin).post("/api/admin/users/{id}/deactivate", user.userId())
                .then().statusCode(204);

        // the right password: only the deactivation can refuse it
        Response deactivated = login(user.email(), user.password());
        Response unknownEmail = login(AuthApi.freshEmail(), user.password());

        assertThat(deactivated.statusCode()).isEqualTo(401);
        assertThat(deactivated.statusCode()).isEqualTo(unknownEmail.statusCode());
        assertThat(deactivated.body().asString()).isEqualTo(unknownEmail.body().asString());
        assertThat(deactivated.contentType()).isEqualTo(unknownEmail.contentType());
    }

    @Test
    void locksAnEmailOutAfterFiveFailuresEvenForTheRightPassword() {
        AuthApi.User user = newUser("client");
        for (int i = 0; i < 5; i++) {
            login(user.email(), "not the password " + i).then().statusCode(401);
        }
        Response locked = login(user.email(), user.password());
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15L * 60);
        assertThat(locked.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void locksOutUnknownEmailsToo() {
        String email = AuthApi.freshEmail();
        for (int i = 0; i < 5; i++) {
            login(email, "guess number " + i + "!!").then().statusCode(401);
        }
        login(email, "guess number 6!!").then().statusCode(429);
    }

    @Test
    void fewerThanFiveFailuresDoNotLockTheAccount() {
        AuthApi.User user = newUser("client");
        for (int i = 0; i < 4; i++) {
            login(user.email(), "not the password " + i).then().statusCode(401);
        }
        login(user.email(), user.password()).then().statusCode(200);
    }

    @Test
    void refusesMalformedLogins() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"email\": \"a@b.c\"}")
                .post("/api/login").then().statusCode(400);
    }
}
