package io.therapyms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.auth.config.AuthTables;
import io.therapyms.auth.mfa.Authenticator;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.devstack.DevStackResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Setting up, confirming and removing an authenticator app (TOTP), and how it is stored. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TotpEnrolmentTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig platform;

    @Test
    void setupGivesABase32SecretAndAnOtpauthUriForIt() {
        AuthApi.User user = AuthApi.newUser("therapist");
        Response setup = MfaApi.setup(AuthApi.loginOk(user).bearer());
        setup.then().statusCode(200)
                .body("secret", matchesPattern("[A-Z2-7]{32}"))
                .body("otpauthUri", startsWith("otpauth://totp/Therapy%20Management%20System:"
                        + URLEncoder.encode(user.email(), StandardCharsets.UTF_8) + "?secret="));
        String uri = setup.path("otpauthUri");
        assertThat(uri).contains("secret=" + setup.path("secret"), "issuer=Therapy%20Management%20System",
                "algorithm=SHA1", "digits=6", "period=30");
    }

    @Test
    void confirmingWithACurrentCodeGivesTenSingleUseRecoveryCodesOnce() {
        AuthApi.User user = AuthApi.newUser("client");
        String bearer = AuthApi.loginOk(user).bearer();
        String secret = MfaApi.setup(bearer).then().statusCode(200).extract().path("secret");
        Authenticator app = new Authenticator(secret);

        MfaApi.confirm(bearer, app.wrongCode()).then().statusCode(400).body("errors[0].field", equalTo("code"));
        List<String> codes = MfaApi.confirm(bearer, app.nextCode()).then().statusCode(200).extract().path("recoveryCodes");

        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        MfaApi.confirm(bearer, app.nextCode()).then().statusCode(409);
        MfaApi.setup(bearer).then().statusCode(409);
    }

    @Test
    void aNewSetupReplacesAPendingOne() {
        AuthApi.User user = AuthApi.newUser("client");
        String bearer = AuthApi.loginOk(user).bearer();
        Authenticator first = new Authenticator(MfaApi.setup(bearer).then().statusCode(200).extract().path("secret"));
        Authenticator second = new Authenticator(MfaApi.setup(bearer).then().statusCode(200).extract().path("secret"));

        MfaApi.confirm(bearer, first.nextCode()).then().statusCode(400);
        MfaApi.confirm(bearer, second.nextCode()).then().statusCode(200);
    }

    @Test
    void theSecretIsEncryptedAtRestAndTheRecoveryCodesAreStoredHashed() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        List<Map<String, AttributeValue>> items = dynamo.query(q -> q.tableName(platform.prefixed(AuthTables.MAIN))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MFA#" + enrolled.user().userId())))).items();

        assertThat(items).hasSize(11);
        String everything = items.toString();
        assertThat(everything).doesNotContain(enrolled.secret());
        for (String code : enrolled.recoveryCodes()) {
            assertThat(everything).doesNotContain(code).doesNotContain(code.replace("-", ""));
        }
        Map<String, AttributeValue> totp = items.stream().filter(i -> i.get("sk").s().equals("TOTP")).findFirst().orElseThrow();
        assertThat(totp.get("state").s()).isEqualTo("active");
        assertThat(totp.get("secret").s()).matches("[A-Za-z0-9+/=]+"); // nonce + AES-GCM ciphertext, base64
    }

    @Test
    void removingNeedsThePasswordAndACode() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("therapist");
        String bearer = loginWithRecoveryCode(enrolled, 0);

        MfaApi.remove(bearer, "not the password at all", null, enrolled.recoveryCodes().get(1)).then().statusCode(403);
        MfaApi.remove(bearer, enrolled.user().password(), enrolled.app().wrongCode(), null).then().statusCode(403);
        MfaApi.remove(bearer, enrolled.user().password(), enrolled.app().wrongCode(), enrolled.recoveryCodes().get(1))
                .then().statusCode(400);
        MfaApi.remove(bearer, enrolled.user().password(), null, null).then().statusCode(400);
        MfaApi.remove(bearer, enrolled.user().password(), null, enrolled.recoveryCodes().get(1)).then().statusCode(204);

        MfaApi.remove(bearer, enrolled.user().password(), null, enrolled.recoveryCodes().get(2)).then().statusCode(404);
        // MFA is off again: the password alone logs in, and a new setup may start
        AuthApi.loginOk(enrolled.user());
        MfaApi.setup(bearer).then().statusCode(200);
    }

    @Test
    void removingWithACurrentCodeWorksToo() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String bearer = loginWithRecoveryCode(enrolled, 0);
        MfaApi.remove(bearer, enrolled.user().password(), enrolled.app().nextCode(), null).then().statusCode(204);
    }

    @Test
    void theEndpointsNeedAnAccessToken() {
        io.restassured.RestAssured.given().post("/api/auth/mfa/totp/setup").then().statusCode(401);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"code\":\"123456\"}")
                .post("/api/auth/mfa/totp/confirm").then().statusCode(401);
    }

    private static String loginWithRecoveryCode(MfaApi.Enrolled enrolled, int index) {
        String mfaToken = MfaApi.mfaToken(enrolled.user());
        return "Bearer " + MfaApi.secondStep(mfaToken, null, enrolled.recoveryCodes().get(index))
                .then().statusCode(200).extract().path("accessToken");
    }
}
