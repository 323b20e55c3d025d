package io.therapyms.browsertests.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway's REST API straight from the test, for what a test arranges behind the browser's back (another
 * session, another person's action). Body token transport, like any non-browser client.
 */
public final class RestApi {

    private final String baseUrl;

    public RestApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Logs in; returns the access token. */
    public String login(String email, String password) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/login")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    /** Logs in; returns {@code [accessToken, userId]}. */
    public String[] loginWithId(String email, String password) {
        var body = given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/login")
                .then().statusCode(200)
                .extract().jsonPath();
        return new String[] { body.getString("accessToken"), body.getString("userId") };
    }

    /** POST with a bearer token; asserts the status and returns the body. */
    public String post(String accessToken, String path, Object body, int expectedStatus) {
        var spec = given().baseUri(baseUrl).contentType(ContentType.JSON);
        if (accessToken != null) {
            spec = spec.auth().oauth2(accessToken);
        }
        return spec.body(body).when().post(path).then().statusCode(expectedStatus).extract().asString();
    }

    /** Changes the password from another session: every other session (the browser's) is revoked at once. */
    public void changePassword(String accessToken, String current, String next) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).auth().oauth2(accessToken)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .when().post("/api/auth/password")
                .then().statusCode(204);
    }

    /** Any method with an optional bearer token and JSON body; asserts the status and returns the body (or {}). */
    public JsonPath call(String accessToken, String method, String path, Object body, int expectedStatus) {
        String text = spec(accessToken, body).when().request(method, path).then().statusCode(expectedStatus).extract().asString();
        return new JsonPath(text == null || text.isEmpty() ? "{}" : text);
    }

    /**
     * Repeats a call until it answers {@code expectedStatus}, for a service that learns of something (a link) from
     * an event a moment after the call that caused it.
     */
    public JsonPath callWhenReady(String accessToken, String method, String path, Object body, int expectedStatus,
            Duration atMost) {
        return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(300)).until(() -> {
            var response = spec(accessToken, body).when().request(method, path).then().extract();
            return response.statusCode() == expectedStatus ? new JsonPath(response.asString()) : null;
        }, r -> r != null);
    }

    private RequestSpecification spec(String accessToken, Object body) {
        RequestSpecification spec = given().baseUri(baseUrl).contentType(ContentType.JSON);
        if (accessToken != null) {
            spec = spec.auth().oauth2(accessToken);
        }
        return body == null ? spec : spec.body(body);
    }
}
