package io.therapyms.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.gateway.testing.FakeBackends;

/**
 * The calendar feed's URL is its credential: the gateway forwards it without a token of the caller's to
 * scheduling-service, marks it no-store, and keeps the secret out of its metrics and logs.
 */
@QuarkusTest
@WithTestResource(FakeBackends.class)
class CalendarFeedEdgeTest {

    static final String TOKEN = "Zq3xVv0c2m9-_kP4sT7uWy1aBcDeFgHiJkLmNoPqRsT";

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void anAnonymousFeedRequestReachesSchedulingAndIsNotStored() {
        given().get("/api/calendar/" + TOKEN + ".ics").then().statusCode(200)
                .body("service", equalTo("scheduling-service"))
                .body("path", equalTo("/api/calendar/" + TOKEN + ".ics"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
        given().contentType("application/json").body("{\"includeNames\":false}").post("/api/calendar/feed").then()
                .statusCode(200).body("service", equalTo("scheduling-service"));

        String scrape = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(scrape).contains("uri=\"/api/calendar/**\"").doesNotContain(TOKEN);
    }

    @Test
    void loggedTextNeverHoldsAFeedToken() {
        String vertxTimeout = "io.vertx.core.http.impl.NoStackTraceTimeoutException: The timeout period of 30000ms "
                + "has been exceeded while executing GET /api/calendar/" + TOKEN + ".ics for server localhost:8084";
        assertThat(ApiPaths.redacted(vertxTimeout)).doesNotContain(TOKEN)
                .contains("GET /api/calendar/<redacted>.ics for server");
        assertThat(ApiPaths.redacted("GET /api/calendar/feed")).isEqualTo("GET /api/calendar/feed");
        assertThat(ApiPaths.redacted("GET /api/sessions/s-1")).isEqualTo("GET /api/sessions/s-1");
    }
}
