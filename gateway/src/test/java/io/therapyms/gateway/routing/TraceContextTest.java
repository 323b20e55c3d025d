package io.therapyms.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.gateway.testing.FakeBackends;

/** W3C trace context crosses the gateway: the proxied call continues the caller's trace under the gateway's span. */
@QuarkusTest
@WithTestResource(FakeBackends.class)
class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void theBackendSeesTheCallersTraceWithTheGatewaysSpanAsParent() {
        String forwarded = given().header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .when().get("/api/clients/c-1")
                .then().statusCode(200)
                .extract().jsonPath().getString("headers.traceparent");

        assertThat(forwarded).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]");
        assertThat(forwarded).doesNotContain(CALLER_SPAN);
    }

    @Test
    void aRequestWithoutTraceStartsOneThatTheBackendSees() {
        String forwarded = given().when().get("/api/clients/c-1")
                .then().statusCode(200)
                .extract().jsonPath().getString("headers.traceparent");

        assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(forwarded).doesNotStartWith("00-00000000000000000000000000000000");
    }
}
