package io.therapyms.browsertests.therapist;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What the therapist tests arrange or check behind the browsers' backs: the other party's steps and the stored truth. */
final class Rest {

    private final String baseUrl;

    Rest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code [accessToken, userId]}. */
    String[] login(String email, String password) {
        JsonPath body = given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/login").then().statusCode(200).extract().jsonPath();
        return new String[] { body.getString("accessToken"), body.getString("userId") };
    }

    int loginStatus(String email, String password) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/login").then().extract().statusCode();
    }

    JsonPath get(String token, String path) {
        return given().baseUri(baseUrl).auth().oauth2(token).when().get(path)
                .then().statusCode(200).extract().jsonPath();
    }

    JsonPath post(String token, String path, Object body, int status) {
        var spec = given().baseUri(baseUrl).contentType(ContentType.JSON);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        return spec.body(body).when().post(path).then().statusCode(status).extract().jsonPath();
    }

    JsonPath put(String token, String path, Object body, int status) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).auth().oauth2(token)
                .body(body).when().put(path).then().statusCode(status).extract().jsonPath();
    }
}
