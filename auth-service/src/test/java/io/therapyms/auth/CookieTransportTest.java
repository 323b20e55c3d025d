package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static io.therapyms.auth.AuthApi.me;
import static io.therapyms.auth.AuthApi.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;

/**
 * The browser transport of API.md: with {@code X-Token-Transport: cookie} the refresh token lives
 * only in the HttpOnly {@code tms_refresh} cookie, and the cookie counts only next to that header.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class CookieTransportTest {

    private static final String TRANSPORT = "X-Token-Transport";
    private static final String COOKIE = "tms_refresh";
    private static final long ABSOLUTE_LIFE_SECONDS = Duration.ofHours(12).toSeconds();
    /** Revocation reaches the service's own list through the outbox and Kafka. */
    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    /** One Set-Cookie value taken apart: the value, and every attribute (name → value, "" for flags). */
    record SetCookie(String name, String value, Map<String, String> attributes) {

        static SetCookie parse(String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].trim();
                int at = part.indexOf('=');
                attributes.put(at < 0 ? part : part.substring(0, at), at < 0 ? "" : part.substring(at + 1));
            }
            return new SetCookie(parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1), attributes);
        }

        long maxAge() {
            return Long.parseLong(attributes.get("Max-Age"));
        }
    }

    @Test
    void loginSetsTheRefreshCookieAndLeavesTheTokenOutOfTheBody() {
        Response login = cookieLogin(newUser("client"), given());

        login.then().statusCode(200).body("tokenType", equalTo("Bearer"));
        assertThat(login.jsonPath().getMap("$")).doesNotContainKey("refreshToken");
        SetCookie cookie = onlyRefreshCookie(login);
        assertThat(cookie.value()).matches("[A-Za-z0-9_-]{43}");
        // Called straight at http://localhost: the one case without Secure.
        assertThat(cookie.attributes()).containsOnlyKeys("Max-Age", "Path", "HttpOnly", "SameSite")
                .containsEntry("Path", "/api/auth")
                .containsEntry("HttpOnly", "")
                .containsEntry("SameSite", "Strict");
        assertThat(cookie.maxAge()).isBetween(ABSOLUTE_LIFE_SECONDS - 60, ABSOLUTE_LIFE_SECONDS);
        me("Bearer " + login.path("accessToken")).then().statusCode(200);
    }

    @ParameterizedTest(name = "{1}://{0} → Secure {2}")
    @CsvSource({
            "app.example.org, https, true",
            "app.example.org, http, true",
            "localhost:8080, https, true",
            "'[::1]:8080', http, true",
            "'localhost:8080, app.example.org', http, true",
            "localhost:8080, http, false",
            "localhost, http, false",
            "127.0.0.1:8080, http, false",
    })
    void marksTheCookieSecureUnlessTheBrowserIsOnPlainLocalHttp(String host, String proto, boolean secure) {
        // What the gateway forwards about the browser's request.
        Response login = cookieLogin(newUser("client"),
                given().header("X-Forwarded-Host", host).header("X-Forwarded-Proto", proto));

        SetCookie cookie = onlyRefreshCookie(login);
        assertThat(cookie.attributes().containsKey("Secure")).isEqualTo(secure);
        assertThat(cookie.attributes()).containsEntry("HttpOnly", "").containsEntry("SameSite", "Strict")
                .containsEntry("Path", "/api/auth");
        if (secure) {
            assertThat(cookie.attributes().get("Secure")).isEmpty();
        }
    }

    @Test
    void theClearingCookieOfAFailedRefreshIsSecureLikeTheOthers() {
        Response failed = given().header(TRANSPORT, "cookie").header("X-Forwarded-Host", "app.example.org")
                .header("X-Forwarded-Proto", "https").cookie(COOKIE, "made-up").contentType(ContentType.JSON)
                .body("{}").post("/api/auth/refresh");

        failed.then().statusCode(401);
        assertThat(onlyRefreshCookie(failed).attributes())
                .containsOnlyKeys("Max-Age", "Path", "HttpOnly", "SameSite", "Secure")
                .containsEntry("Max-Age", "0");
    }

    @Test
    void refreshThroughTheCookieRotatesItAndSpendsTheOldValue() {
        SetCookie first = onlyRefreshCookie(cookieLogin(newUser("client"), given()));

        Response refreshed = cookieRefresh(first.value());
        refreshed.then().statusCode(200);
        assertThat(refreshed.jsonPath().getMap("$")).doesNotContainKey("refreshToken");
        SetCookie second = onlyRefreshCookie(refreshed);
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(second.attributes()).containsOnlyKeys("Max-Age", "Path", "HttpOnly", "SameSite")
                .containsEntry("Path", "/api/auth");
        // Rotation never extends the session: the new cookie lives no longer than the first.
        assertThat(second.maxAge()).isPositive().isLessThanOrEqualTo(first.maxAge());
        String bearer = "Bearer " + refreshed.path("accessToken");
        me(bearer).then().statusCode(200);

        // The old value presented again is a replay: 401, the cookie cleared, the whole family revoked.
        Response replay = cookieRefresh(first.value());
        replay.then().statusCode(401).contentType("application/problem+json");
        assertCleared(onlyRefreshCookie(replay));
        cookieRefresh(second.value()).then().statusCode(401);
        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() -> me(bearer).statusCode() == 401);
    }

    @Test
    void refreshAndLogoutReadTheCookieWhenThereIsNoBodyAtAll() throws Exception {
        Response login = cookieLogin(newUser("client"), given());
        SetCookie cookie = onlyRefreshCookie(login);

        // As fetch sends a POST without a body: no Content-Type either (REST Assured always sends one).
        HttpResponse<String> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/auth/refresh"))
                .header(TRANSPORT, "cookie").header("Cookie", COOKIE + "=" + cookie.value())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        SetCookie fetchedCookie = SetCookie.parse(fetched.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(fetchedCookie.value()).isNotEqualTo(cookie.value());

        // No body, whatever Content-Type a client adds to it.
        Response refreshed = given().header(TRANSPORT, "cookie").cookie(COOKIE, fetchedCookie.value())
                .post("/api/auth/refresh");
        refreshed.then().statusCode(200);
        SetCookie rotated = onlyRefreshCookie(refreshed);
        assertThat(rotated.value()).isNotEqualTo(fetchedCookie.value());

        Response logout = given().header("Authorization", "Bearer " + refreshed.path("accessToken"))
                .header(TRANSPORT, "cookie").cookie(COOKIE, rotated.value()).post("/api/auth/logout");
        logout.then().statusCode(204);
        assertCleared(onlyRefreshCookie(logout));
        cookieRefresh(rotated.value()).then().statusCode(401);
    }

    @Test
    void aBodyThatIsNotJsonIsStill415() {
        given().header(TRANSPORT, "cookie").cookie(COOKIE, "x").contentType(ContentType.TEXT).body("refreshToken=x")
                .post("/api/auth/refresh").then().statusCode(415);
    }

    @Test
    void refreshWithTheHeaderButNoTokenAnywhereIs401AndClearsTheCookie() {
        Response response = given().header(TRANSPORT, "cookie").contentType(ContentType.JSON).body("{}")
                .post("/api/auth/refresh");

        response.then().statusCode(401).contentType("application/problem+json");
        assertCleared(onlyRefreshCookie(response));
    }

    @Test
    void aRefreshCookieWithoutTheHeaderIsRefusedAndSpendsNothing() {
        AuthApi.User user = newUser("client");
        Response login = cookieLogin(user, given());
        SetCookie cookie = onlyRefreshCookie(login);
        String bearer = "Bearer " + login.path("accessToken");

        Response refresh = given().cookie(COOKIE, cookie.value()).contentType(ContentType.JSON).body("{}")
                .post("/api/auth/refresh");
        refresh.then().statusCode(403).contentType("application/problem+json");
        assertThat(refresh.headers().getValues("Set-Cookie")).isEmpty();
        // Not even next to a body token: a cross-site form could send both.
        given().cookie(COOKIE, cookie.value()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", cookie.value())).post("/api/auth/refresh")
                .then().statusCode(403);
        Response logout = given().header("Authorization", bearer).cookie(COOKIE, cookie.value())
                .contentType(ContentType.JSON).body(Map.of("refreshToken", cookie.value())).post("/api/auth/logout");
        logout.then().statusCode(403).contentType("application/problem+json");
        assertThat(logout.headers().getValues("Set-Cookie")).isEmpty();

        // Nothing changed: the session and its access token live on, the token is unspent.
        me(bearer).then().statusCode(200);
        cookieRefresh(cookie.value()).then().statusCode(200);
        me(bearer).then().statusCode(200);
    }

    @Test
    void logoutThroughTheCookieClearsItAndEndsTheSession() {
        AuthApi.User user = newUser("client");
        Response login = cookieLogin(user, given());
        SetCookie cookie = onlyRefreshCookie(login);
        String bearer = "Bearer " + login.path("accessToken");
        AuthApi.Tokens otherSession = AuthApi.loginOk(user);

        Response logout = given().header("Authorization", bearer).header(TRANSPORT, "cookie")
                .cookie(COOKIE, cookie.value()).contentType(ContentType.JSON).post("/api/auth/logout");

        logout.then().statusCode(204);
        assertCleared(onlyRefreshCookie(logout));
        cookieRefresh(cookie.value()).then().statusCode(401);
        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() -> me(bearer).statusCode() == 401);
        me(otherSession.bearer()).then().statusCode(200);
    }

    @Test
    void refusesUnknownTransports() {
        AuthApi.User user = newUser("client");
        for (String value : List.of("body", "cookies", "")) {
            given().header(TRANSPORT, value).contentType(ContentType.JSON)
                    .body(Map.of("email", user.email(), "password", user.password())).post("/api/login")
                    .then().statusCode(400).contentType("application/problem+json");
            Response refresh = given().header(TRANSPORT, value).cookie(COOKIE, "x").contentType(ContentType.JSON)
                    .body("{}").post("/api/auth/refresh");
            refresh.then().statusCode(400).contentType("application/problem+json");
            assertThat(refresh.headers().getValues("Set-Cookie")).isEmpty();
        }
        AuthApi.Tokens tokens = AuthApi.loginOk(user);
        given().header("Authorization", tokens.bearer()).header(TRANSPORT, "bogus").contentType(ContentType.JSON)
                .body(Map.of("refreshToken", tokens.refreshToken())).post("/api/auth/logout")
                .then().statusCode(400);
        me(tokens.bearer()).then().statusCode(200);
    }

    @Test
    void theBodyTransportStillNeedsTheTokenInTheBody() {
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh")
                .then().statusCode(400).body("errors[0].field", equalTo("refreshToken"));
    }

    @Test
    void theOpenApiDocumentDescribesTheHeaderAndTheCookie() {
        io.restassured.path.json.JsonPath doc = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/api/login", "/api/auth/refresh", "/api/auth/logout")) {
            String operation = "paths.'" + path + "'.post";
            assertThat(doc.getList(operation + ".parameters.findAll { it.in == 'header' }.name"))
                    .as(path).containsExactly(TRANSPORT);
            assertThat(doc.getString(operation + ".parameters.find { it.in == 'header' }.description"))
                    .as(path).contains("tms_refresh").contains("HttpOnly").contains("SameSite=Strict");
            String success = path.endsWith("logout") ? "204" : "200";
            assertThat(doc.getMap(operation + ".responses.'" + success + "'.headers")).as(path).containsKey("Set-Cookie");
        }
        for (String path : List.of("/api/auth/refresh", "/api/auth/logout")) {
            String operation = "paths.'" + path + "'.post";
            assertThat(doc.getList(operation + ".parameters.findAll { it.in == 'cookie' }.name")).as(path)
                    .containsExactly(COOKIE);
            assertThat(doc.getString(operation + ".responses.'403'.description")).as(path).contains(TRANSPORT);
        }
    }

    private static Response cookieLogin(AuthApi.User user, RequestSpecification request) {
        return request.header(TRANSPORT, "cookie").contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password())).post("/api/login");
    }

    private static Response cookieRefresh(String cookieValue) {
        return given().header(TRANSPORT, "cookie").cookie(COOKIE, cookieValue).contentType(ContentType.JSON)
                .body("{}").post("/api/auth/refresh");
    }

    private static SetCookie onlyRefreshCookie(Response response) {
        List<String> setCookies = response.headers().getValues("Set-Cookie");
        assertThat(setCookies).hasSize(1);
        SetCookie cookie = SetCookie.parse(setCookies.get(0));
        assertThat(cookie.name()).isEqualTo(COOKIE);
        return cookie;
    }

    private static void assertCleared(SetCookie cookie) {
        assertThat(cookie.value()).isEmpty();
        assertThat(cookie.attributes()).containsEntry("Max-Age", "0").containsEntry("Path", "/api/auth")
                .containsEntry("HttpOnly", "").containsEntry("SameSite", "Strict");
    }
}
