package io.therapyms.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.therapyms.gateway.testing.FakeBackend;
import io.therapyms.gateway.testing.FakeBackends;
import io.therapyms.gateway.testing.LoopbackClient;

@QuarkusTest
@WithTestResource(FakeBackends.class)
class RoutingTest {

    FakeBackends backends;

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "POST, /api/signup, auth-service",
            "POST, /api/login, auth-service",
            "POST, /api/login/mfa, auth-service",
            "POST, /api/login/passkey-options, auth-service",
            "POST, /api/login/passkey, auth-service",
            "GET, /api/auth/passkeys, auth-service",
            "POST, /api/auth/refresh, auth-service",
            "GET, /api/auth/me, auth-service",
            "POST, /api/admin/users/u-1/deactivate, auth-service",
            "GET, /.well-known/jwks.json, auth-service",
            "POST, /api/clients, client-service",
            "GET, /api/clients/c-1/therapists, client-service",
            "PUT, /api/therapists/t-1, therapist-service",
            "POST, /api/mapping-requests, therapist-service",
            "DELETE, /api/mappings/c-1/t-1, therapist-service",
            "POST, /api/session-slots/t-1, scheduling-service",
            "PUT, /api/appointment-requests/a-1, scheduling-service",
            "GET, /api/sessions/s-1, scheduling-service",
            "POST, /api/journals/c-1, journal-service",
            "GET, /api/journal-access-requests, journal-service",
            "POST, /api/messages, messaging-service",
            "GET, /api/conversations, messaging-service",
            "POST, /api/notifications/read-all, messaging-service",
            "GET, /api/analytics/therapists/t-1/summary, analytics-service",
            "GET, /api/analytics/practice, analytics-service",
            "GET, /api/sessions/s-1/call, messaging-service",
            "GET, /api/sessions/s-1/call/signal, messaging-service",
            "GET, /api/sessions/s-1/calls, scheduling-service",
            "GET, /api/sessions/call, scheduling-service",
            "PUT, /api/sessions/s-1, scheduling-service",
            "POST, /api/calendar/feed, scheduling-service",
            "DELETE, /api/calendar/feed, scheduling-service",
            "GET, /api/calendar/Zq3xVv0c2m9-_kP4sT7uWy1aBcDeFgHiJkLmNoPqRsT.ics, scheduling-service",
    })
    void routesEachPrefixToItsServiceWithPathQueryAndBodyIntact(String method, String path, String service) {
        String body = "{\"note\":\"über 1 µs\"}";
        JsonPath echo = given()
                .contentType("application/json; charset=UTF-8")
                .body(body)
                .queryParam("limit", "5")
                .queryParam("q", "Ann Lee")
                .when().request(method, path)
                .then().statusCode(200)
                .extract().jsonPath();

        assertThat(echo.getString("service")).isEqualTo(service);
        assertThat(echo.getString("method")).isEqualTo(method);
        assertThat(echo.getString("path")).isEqualTo(path);
        assertThat(echo.getString("query")).isEqualTo("limit=5&q=Ann%20Lee");
        assertThat(echo.getString("body")).isEqualTo(body);
    }

    @Test
    void answersUnknownApiPathsWith404Problem() {
        for (String path : new String[] {"/api/x", "/api/clientsX", "/api"}) {
            given().when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404))
                    .body("title", equalTo("Not found"));
        }
    }

    /** messaging-service's instance-to-instance call relay lies outside every route: only the instances reach it. */
    @Test
    void neverForwardsTheServicesInternalPaths() {
        for (String path : new String[] {"/internal/calls/s-1/deliver", "/api/../internal/calls/s-1/deliver"}) {
            Response response = given().contentType("application/json").body("{\"messages\":[]}").when().post(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.asString()).as(path).doesNotContain("messaging-service");
        }
        given().contentType("application/json").body("{\"messages\":[]}").when().post("/internal/calls/s-1/deliver")
                .then().statusCode(404);
    }

    @Test
    void refusesDotSegmentsInsteadOfForwardingThem() {
        LoopbackClient.Reply reply = new LoopbackClient(backends.vertx(), "127.0.0.1")
                .get("/api/clients/../admin/users/u-1/deactivate", Map.of());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().get("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void tellsTheBackendWhoTheClientIsAndDropsHopByHopHeaders() {
        LoopbackClient.Reply reply = new LoopbackClient(backends.vertx(), "127.0.0.1").get("/api/clients",
                Map.of("Host", "api.example.org",
                        "Connection", "keep-alive, X-Hop-Secret",
                        "X-Hop-Secret", "for the next hop only",
                        "Proxy-Authorization", "Basic c2VjcmV0",
                        "Authorization", "Bearer abc"));

        JsonPath headers = JsonPath.from(reply.body()).setRootPath("headers");
        assertThat(headers.getString("'x-forwarded-for'")).isEqualTo("127.0.0.1");
        assertThat(headers.getString("'x-forwarded-proto'")).isEqualTo("http");
        assertThat(headers.getString("'x-forwarded-host'")).isEqualTo("api.example.org");
        assertThat(headers.getString("authorization")).isEqualTo("Bearer abc");
        assertThat(headers.getString("'x-hop-secret'")).isNull();
        assertThat(headers.getString("'proxy-authorization'")).isNull();
    }

    /** auth-service's browser transport lives in these: the gateway must neither drop, merge nor rewrite them. */
    @Test
    void passesCookiesAndSetCookiesThroughUntouched() {
        String refresh = "tms_refresh=abc_DEF-123; Max-Age=43200; Path=/api/auth; HttpOnly; SameSite=Strict; Secure";
        String cleared = "other=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/";
        Response response = given()
                .header("X-Token-Transport", "cookie")
                .cookie("tms_refresh", "abc_DEF-123")
                .cookie("theme", "dark")
                .header(FakeBackend.ECHO_SET_COOKIE, refresh)
                .header(FakeBackend.ECHO_SET_COOKIE, cleared)
                .when().post("/api/auth/refresh");

        response.then().statusCode(200);
        assertThat(response.headers().getValues("Set-Cookie")).containsExactly(refresh, cleared);
        JsonPath headers = response.jsonPath().setRootPath("headers");
        assertThat(headers.getString("cookie")).isEqualTo("tms_refresh=abc_DEF-123; theme=dark");
        assertThat(headers.getString("'x-token-transport'")).isEqualTo("cookie");
    }

    @Test
    void keepsTheBackendsServerAndHopByHopHeadersFromTheClient() {
        given().when().get("/api/clients")
                .then().statusCode(200)
                .header("Server", nullValue())
                .header("Keep-Alive", nullValue());
    }

    @Test
    void answers502ProblemWithoutInternalsWhenTheServiceIsDown() {
        FakeBackend journal = backends.backend("journal-service");
        journal.stop();
        try {
            Response response = given().when().get("/api/journals/c-1");

            response.then().statusCode(502)
                    .contentType("application/problem+json")
                    .body("status", equalTo(502))
                    .body("title", equalTo("Bad gateway"));
            assertThat(response.asString())
                    .doesNotContain("127.0.0.1")
                    .doesNotContain(Integer.toString(journal.port()))
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContain("journal-service");
        } finally {
            journal.start();
        }
    }

    @Test
    void aReadWhoseConnectionClosedBeforeAnAnswerIsSentOnceMoreAWriteNever() {
        // the backend closes the connection the first time each of these is asked for (a keep-alive race, an
        // instance shutting down): a GET is sent again and answered; a POST may have been acted on, so it is not
        given().when().get("/api/sessions/read" + FakeBackend.CLOSES_FIRST_TIME)
                .then().statusCode(200).body("method", equalTo("GET"));
        given().body("{}").contentType("application/json").when().post("/api/sessions/write" + FakeBackend.CLOSES_FIRST_TIME)
                .then().statusCode(502).contentType("application/problem+json");
        given().body("{}").contentType("application/json").when().post("/api/sessions/write" + FakeBackend.CLOSES_FIRST_TIME)
                .then().statusCode(200).body("method", equalTo("POST"));
    }

    @Test
    void answers504ProblemWhenTheServiceDoesNotAnswerInTime() {
        given().when().get("/api/sessions" + FakeBackend.NEVER_ANSWERS)
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("status", equalTo(504))
                .body("title", equalTo("Gateway timeout"));
    }
}
