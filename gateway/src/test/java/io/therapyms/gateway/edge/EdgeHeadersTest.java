package io.therapyms.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.therapyms.gateway.testing.FakeBackends;
import io.therapyms.gateway.testing.LoopbackClient;

@QuarkusTest
@WithTestResource(FakeBackends.class)
class EdgeHeadersTest {

    private static final String ALLOWED_ORIGIN = "http://localhost:3000";

    FakeBackends backends;

    private static void assertSecurityHeaders(ValidatableResponse response, boolean api) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Server", nullValue())
                .header("Strict-Transport-Security", nullValue());
        if (api) {
            response.header("Cache-Control", "no-store");
        }
    }

    @Test
    void putsSecurityHeadersOnProxiedResponses() {
        assertSecurityHeaders(given().when().get("/api/clients/c-1").then().statusCode(200), true);
    }

    @Test
    void putsSecurityHeadersOnTheGatewaysOwnErrorsAndPages() {
        assertSecurityHeaders(given().when().get("/api/nothing-here").then().statusCode(404), true);
        assertSecurityHeaders(given().when().get("/health").then().statusCode(200), false);
    }

    @Test
    void sendsHstsOnlyWhenATrustedProxySaysTheClientUsedTls() {
        given().header("X-Forwarded-Proto", "https")
                .when().get("/api/clients")
                .then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

        LoopbackClient.Reply untrusted = new LoopbackClient(backends.vertx(), "127.0.0.3")
                .get("/api/clients", Map.of("X-Forwarded-Proto", "https"));
        assertThat(untrusted.status()).isEqualTo(200);
        assertThat(untrusted.headers().get("Strict-Transport-Security")).isNull();
    }

    @Test
    void allowsPreflightFromAnAllowedOriginWithCredentials() {
        ValidatableResponse preflight = given()
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/clients")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true");
        assertSecurityHeaders(preflight, true);
    }

    /** The web app served from an allowed origin may use auth-service's cookie transport. */
    @Test
    void allowsTheTokenTransportHeaderWithCredentialsForAnAllowedOrigin() {
        given().header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-token-transport")
                .when().options("/api/auth/refresh")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("X-Token-Transport"));
    }

    @Test
    void refusesPreflightFromAnotherOrigin() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/clients")
                .then().statusCode(not(equalTo(200)))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void namesTheAllowedOriginOnActualRequestsNeverAWildcard() {
        given().header("Origin", ALLOWED_ORIGIN)
                .when().get("/api/clients")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true");
    }
}
