package io.therapyms.auth;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.therapyms.auth.mfa.Authenticator;

/** Calls of the second-factor API that the MFA tests share. */
public final class MfaApi {

    private MfaApi() {
    }

    public record Enrolled(AuthApi.User user, Authenticator app, String secret, List<String> recoveryCodes) {
    }

    public static Response setup(String bearer) {
        return given().header("Authorization", bearer).post("/api/auth/mfa/totp/setup");
    }

    public static Response confirm(String bearer, String code) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/auth/mfa/totp/confirm");
    }

    public static Response remove(String bearer, String password, String code, String recoveryCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("currentPassword", password);
        if (code != null) {
            body.put("code", code);
        }
        if (recoveryCode != null) {
            body.put("recoveryCode", recoveryCode);
        }
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body).delete("/api/auth/mfa/totp");
    }

    /** A fresh user with a confirmed authenticator app. */
    public static Enrolled enrolledUser(String role) {
        AuthApi.User user = AuthApi.newUser(role);
        return enrol(user, AuthApi.loginOk(user).bearer());
    }

    public static Enrolled enrol(AuthApi.User user, String bearer) {
        String secret = setup(bearer).then().statusCode(200).extract().path("secret");
        Authenticator app = new Authenticator(secret);
        List<String> codes = confirm(bearer, app.nextCode()).then().statusCode(200).extract().path("recoveryCodes");
        return new Enrolled(user, app, secret, codes);
    }

    /** The first step of a login that must answer with an mfaToken. */
    public static String mfaToken(AuthApi.User user) {
        Response response = AuthApi.login(user.email(), user.password());
        response.then().statusCode(200);
        return response.path("mfaToken");
    }

    /** A bearer of the enrolled user, through both steps of a login (with a recovery code). */
    public static String secondStepBearer(Enrolled enrolled) {
        String used = enrolled.recoveryCodes().get(enrolled.recoveryCodes().size() - 1);
        return "Bearer " + secondStep(mfaToken(enrolled.user()), null, used).then().statusCode(200).extract().path("accessToken");
    }

    public static Response secondStep(String mfaToken, String code, String recoveryCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("mfaToken", mfaToken);
        if (code != null) {
            body.put("code", code);
        }
        if (recoveryCode != null) {
            body.put("recoveryCode", recoveryCode);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/login/mfa");
    }
}
