package io.therapyms.auth;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls of the auth API that many tests make; every test uses its own fresh emails. */
public final class AuthApi {

    public static final String PASSWORD = "correct horse battery staple 42";

    private AuthApi() {
    }

    public record User(String userId, String email, String password, String role) {
    }

    public record Tokens(String accessToken, String refreshToken) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    public static String freshEmail() {
        return "user-" + UUID.randomUUID() + "@example.org";
    }

    public static Response signup(String email, String password, String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "role", role, "name", "Test Person"))
                .post("/api/signup");
    }

    public static User newUser(String role) {
        String email = freshEmail();
        String userId = signup(email, PASSWORD, role).then().statusCode(201).extract().path("userId");
        return new User(userId, email, PASSWORD, role);
    }

    public static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password)).post("/api/login");
    }

    public static Tokens loginOk(User user) {
        Response response = login(user.email(), user.password());
        response.then().statusCode(200);
        return new Tokens(response.path("accessToken"), response.path("refreshToken"));
    }

    public static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/auth/refresh");
    }

    public static Response me(String bearer) {
        return given().header("Authorization", bearer).get("/api/auth/me");
    }
}
