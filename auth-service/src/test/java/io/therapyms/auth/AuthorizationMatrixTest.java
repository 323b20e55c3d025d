package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

/**
 * Every endpoint of auth-service × every kind of caller, with the status each must get. The
 * bodies are valid, so the status shows the authorization decision and not a validation error.
 * The browser transport adds rows: the {@code tms_refresh} cookie with and without the
 * {@code X-Token-Transport: cookie} header that guards it against cross-site requests.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest {

    enum CallerKind { ANONYMOUS, OWNER_CLIENT, THERAPIST, ADMIN }

    record Endpoint(String name, String method, String path, Object body, Map<String, String> headers,
            Map<String, String> cookies) {

        Endpoint(String name, String method, String path, Object body) {
            this(name, method, path, body, Map.of(), Map.of());
        }
    }

    private static final Map<String, String> COOKIE_TRANSPORT = Map.of("X-Token-Transport", "cookie");
    private static final Map<String, String> UNKNOWN_REFRESH_COOKIE = Map.of("tms_refresh", "unknown");

    @Test
    void everyEndpointAnswersEveryCallerAsSpecified() {
        AuthApi.User target = AuthApi.newUser("client");
        List<String> mismatches = new ArrayList<>();
        for (CallerKind caller : CallerKind.values()) {
            for (Map.Entry<Endpoint, Integer> row : expectations(caller, target).entrySet()) {
                Endpoint endpoint = row.getKey();
                int status = request(caller, target).headers(endpoint.headers()).cookies(endpoint.cookies())
                        .body(endpoint.body() == null ? "{}" : endpoint.body())
                        .request(endpoint.method(), endpoint.path()).statusCode();
                if (status != row.getValue()) {
                    mismatches.add(caller + " " + endpoint.name() + ": expected " + row.getValue() + " got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private Map<Endpoint, Integer> expectations(CallerKind caller, AuthApi.User target) {
        boolean anonymous = caller == CallerKind.ANONYMOUS;
        Map<Endpoint, Integer> rows = new LinkedHashMap<>();
        rows.put(new Endpoint("signup", "POST", "/api/signup", Map.of("email", AuthApi.freshEmail(),
                "password", AuthApi.PASSWORD, "role", "therapist", "name", "N")), 201);
        rows.put(new Endpoint("login", "POST", "/api/login", Map.of("email", AuthApi.freshEmail(),
                "password", "no such account password")), 401);
        rows.put(new Endpoint("refresh", "POST", "/api/auth/refresh", Map.of("refreshToken", "unknown")), 401);
        rows.put(new Endpoint("logout", "POST", "/api/auth/logout", Map.of("refreshToken", "unknown")), anonymous ? 401 : 204);
        rows.put(new Endpoint("login, cookie transport", "POST", "/api/login", Map.of("email", AuthApi.freshEmail(),
                "password", "no such account password"), COOKIE_TRANSPORT, Map.of()), 401);
        rows.put(new Endpoint("login, unknown transport", "POST", "/api/login", Map.of("email", AuthApi.freshEmail(),
                "password", "no such account password"), Map.of("X-Token-Transport", "query"), Map.of()), 400);
        rows.put(new Endpoint("refresh, cookie transport", "POST", "/api/auth/refresh", null,
                COOKIE_TRANSPORT, UNKNOWN_REFRESH_COOKIE), 401);
        rows.put(new Endpoint("refresh, cookie without header", "POST", "/api/auth/refresh", null,
                Map.of(), UNKNOWN_REFRESH_COOKIE), 403);
        rows.put(new Endpoint("refresh, unknown transport", "POST", "/api/auth/refresh", null,
                Map.of("X-Token-Transport", "query"), UNKNOWN_REFRESH_COOKIE), 400);
        rows.put(new Endpoint("logout, cookie transport", "POST", "/api/auth/logout", null,
                COOKIE_TRANSPORT, UNKNOWN_REFRESH_COOKIE), anonymous ? 401 : 204);
        rows.put(new Endpoint("logout, cookie without header", "POST", "/api/auth/logout", null,
                Map.of(), UNKNOWN_REFRESH_COOKIE), anonymous ? 401 : 403);
        rows.put(new Endpoint("logout, unknown transport", "POST", "/api/auth/logout", null,
                Map.of("X-Token-Transport", "query"), UNKNOWN_REFRESH_COOKIE), anonymous ? 401 : 400);
        rows.put(new Endpoint("password", "POST", "/api/auth/password",
                Map.of("currentPassword", "not the current one", "newPassword", "some new passphrase 1")),
                switch (caller) {
                    case ANONYMOUS -> 401;
                    case OWNER_CLIENT -> 403; // authenticated, wrong current password
                    default -> 404;           // minted token of a user without an account
                });
        rows.put(new Endpoint("me", "GET", "/api/auth/me", null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER_CLIENT -> 200;
            default -> 404;
        });
        rows.put(new Endpoint("deactivate", "POST", "/api/admin/users/" + AuthApi.newUser("client").userId() + "/deactivate", null),
                switch (caller) {
                    case ANONYMOUS -> 401;
                    case ADMIN -> 204;
                    default -> 403;
                });
        // second factors; the minted tokens of THERAPIST and ADMIN belong to no account (404 where one is read)
        rows.put(new Endpoint("totp confirm", "POST", "/api/auth/mfa/totp/confirm", Map.of("code", "000000")),
                anonymous ? 401 : 409); // nothing pending
        rows.put(new Endpoint("totp setup", "POST", "/api/auth/mfa/totp/setup", null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER_CLIENT -> 200;
            default -> 404;
        });
        rows.put(new Endpoint("totp remove", "DELETE", "/api/auth/mfa/totp",
                Map.of("currentPassword", AuthApi.PASSWORD, "code", "000000")), anonymous ? 401 : 404); // none active
        rows.put(new Endpoint("login second step", "POST", "/api/login/mfa",
                Map.of("mfaToken", "unknown", "recoveryCode", "aaaa-bbbb-cccc-dddd")), 401);
        rows.put(new Endpoint("passkey registration options", "POST", "/api/auth/passkeys/registration-options", null),
                switch (caller) {
                    case ANONYMOUS -> 401;
                    case OWNER_CLIENT -> 200;
                    default -> 404;
                });
        rows.put(new Endpoint("passkey register", "POST", "/api/auth/passkeys",
                Map.of("name", "Laptop", "credential", Map.of("id", "x"))), switch (caller) {
                    case ANONYMOUS -> 401;
                    case OWNER_CLIENT -> 400; // not a registration response
                    default -> 404;
                });
        rows.put(new Endpoint("passkey list", "GET", "/api/auth/passkeys", null), anonymous ? 401 : 200);
        rows.put(new Endpoint("passkey delete", "DELETE", "/api/auth/passkeys/" + UUID.randomUUID(), null),
                anonymous ? 401 : 404);
        rows.put(new Endpoint("passkey login options", "POST", "/api/login/passkey-options", null), 200);
        rows.put(new Endpoint("passkey login", "POST", "/api/login/passkey", Map.of("credential", Map.of("id", "x"))), 401);
        rows.put(new Endpoint("jwks", "GET", "/.well-known/jwks.json", null), 200);
        return rows;
    }

    private RequestSpecification request(CallerKind caller, AuthApi.User target) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        String token = switch (caller) {
            case ANONYMOUS -> null;
            case OWNER_CLIENT -> AuthApi.loginOk(target).accessToken();
            case THERAPIST -> TestTokens.forUser(UUID.randomUUID().toString(), "therapist");
            case ADMIN -> TestTokens.forUser(UUID.randomUUID().toString(), "admin");
        };
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
