package io.therapyms.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.therapyms.gateway.testing.FakeBackends;
import io.therapyms.gateway.testing.LoopbackClient;

/**
 * Each test plays its own client address (through X-Forwarded-For from the trusted 127.0.0.1, or
 * from an untrusted loopback address), so the buckets of one test do not affect another.
 */
@QuarkusTest
@WithTestResource(FakeBackends.class)
@TestProfile(RateLimitTest.TightLimits.class)
class RateLimitTest {

    // Small enough that no token refills while a test spends its allowance (one per 12 s at least).
    static final int AUTH_LIMIT = 3;
    static final int API_LIMIT = 5;

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.auth-per-minute", Integer.toString(AUTH_LIMIT),
                    "gateway.rate-limit.api-per-minute", Integer.toString(API_LIMIT));
        }
    }

    FakeBackends backends;

    private static Response loginAs(String clientAddress) {
        return given().header("X-Forwarded-For", clientAddress).body("{}").contentType("application/json")
                .when().post("/api/login");
    }

    @Test
    void limitsLoginPerClientWithRetryAfterWhileOtherPathsStillPass() {
        String client = "198.51.100.1";
        for (int i = 0; i < AUTH_LIMIT; i++) {
            loginAs(client).then().statusCode(200);
        }

        Response limited = loginAs(client);
        limited.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        given().header("X-Forwarded-For", client).when().get("/api/clients").then().statusCode(200);
        loginAs("198.51.100.2").then().statusCode(200);
    }

    @Test
    void limitsSignupAndRefreshInTheSameTightClass() {
        String client = "198.51.100.3";
        String[] authPaths = {"/api/signup", "/api/auth/refresh", "/api/login"};
        for (String path : authPaths) {
            given().header("X-Forwarded-For", client).when().post(path).then().statusCode(200);
        }
        given().header("X-Forwarded-For", client).when().post("/api/signup").then().statusCode(429);
        given().header("X-Forwarded-For", client).when().get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void limitsTheRestOfTheApiByItsOwnLimit() {
        String client = "198.51.100.4";
        for (int i = 0; i < API_LIMIT; i++) {
            given().header("X-Forwarded-For", client).when().get("/api/therapists").then().statusCode(200);
        }
        given().header("X-Forwarded-For", client).when().get("/api/therapists").then().statusCode(429);
    }

    @Test
    void believesXForwardedForOnlyFromATrustedProxy() {
        // 127.0.0.5 is no trusted proxy: whatever it claims, it is limited as itself.
        LoopbackClient untrusted = new LoopbackClient(backends.vertx(), "127.0.0.5");
        for (int i = 0; i < AUTH_LIMIT; i++) {
            assertThat(untrusted.get("/api/auth/refresh", Map.of("X-Forwarded-For", "203.0.113." + i)).status())
                    .isEqualTo(200);
        }
        assertThat(untrusted.get("/api/auth/refresh", Map.of("X-Forwarded-For", "203.0.113.99")).status())
                .isEqualTo(429);

        // From the trusted 127.0.0.1, the right-most untrusted hop is the client.
        for (int i = 0; i < AUTH_LIMIT; i++) {
            loginAs("203.0.113.50").then().statusCode(200);
        }
        loginAs("203.0.113.50").then().statusCode(429);
        loginAs("203.0.113.50, 127.0.0.1").then().statusCode(429);
        loginAs("203.0.113.50, 203.0.113.51").then().statusCode(200);
    }
}
