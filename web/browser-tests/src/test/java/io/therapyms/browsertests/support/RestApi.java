package io.therapyms.browsertests.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;

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

    /** Changes the password from another session: every other session (the browser's) is revoked at once. */
    public void changePassword(String accessToken, String current, String next) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).auth().oauth2(accessToken)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .when().post("/api/auth/password")
                .then().statusCode(204);
    }
}
