package io.therapyms.auth;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.therapyms.auth.support.SoftAuthenticator;

/** Calls of the passkey API that the passkey tests share. */
public final class PasskeyApi {

    private PasskeyApi() {
    }

    public record Registered(AuthApi.User user, String bearer, SoftAuthenticator authenticator, String passkeyId,
            String userHandle) {
    }

    public static Response registrationOptions(String bearer) {
        return given().header("Authorization", bearer).post("/api/auth/passkeys/registration-options");
    }

    public static Response register(String bearer, String name, Map<String, Object> credential) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("name", name, "credential", credential)).post("/api/auth/passkeys");
    }

    public static Response list(String bearer) {
        return given().header("Authorization", bearer).get("/api/auth/passkeys");
    }

    public static Response delete(String bearer, String passkeyId) {
        return given().header("Authorization", bearer).delete("/api/auth/passkeys/" + passkeyId);
    }

    /** A login challenge (no body, as a usernameless login sends). */
    public static String loginChallenge() {
        return given().post("/api/login/passkey-options").then().statusCode(200).extract().path("challenge");
    }

    public static Response login(Map<String, Object> credential) {
        return given().contentType(ContentType.JSON).body(Map.of("credential", credential)).post("/api/login/passkey");
    }

    /** A fresh user with one registered passkey. */
    public static Registered registeredUser(String role) {
        AuthApi.User user = AuthApi.newUser(role);
        String bearer = AuthApi.loginOk(user).bearer();
        return registerAnother(user, bearer, new SoftAuthenticator());
    }

    public static Registered registerAnother(AuthApi.User user, String bearer, SoftAuthenticator authenticator) {
        Response options = registrationOptions(bearer);
        options.then().statusCode(200);
        String passkeyId = register(bearer, "Laptop", authenticator.create(options.path("challenge")))
                .then().statusCode(201).extract().path("passkeyId");
        return new Registered(user, bearer, authenticator, passkeyId, options.path("user.id"));
    }
}
