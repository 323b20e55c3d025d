package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.therapyms.auth.PasskeyApi.Registered;
import io.therapyms.auth.support.ShiftableClock;
import io.therapyms.auth.support.SoftAuthenticator;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

/** Passkeys: registration, discoverable login, the counter, the challenges, ownership. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class PasskeyTest {

    @Inject
    ShiftableClock clock;

    @Test
    void registrationOptionsAskForADiscoverableVerifiedCredentialOfThisRelyingParty() {
        AuthApi.User user = AuthApi.newUser("therapist");
        Response options = PasskeyApi.registrationOptions(AuthApi.loginOk(user).bearer());
        options.then().statusCode(200)
                .body("rp.id", equalTo("localhost"))
                .body("user.name", equalTo(user.email()))
                .body("pubKeyCredParams.alg", contains(-7, -257))
                .body("attestation", equalTo("none"))
                .body("authenticatorSelection.residentKey", equalTo("required"))
                .body("authenticatorSelection.userVerification", equalTo("required"))
                .body("excludeCredentials", empty())
                .body("timeout", equalTo(300000));
        assertThat(new String(java.util.Base64.getUrlDecoder().decode((String) options.path("user.id")),
                StandardCharsets.UTF_8)).isEqualTo(user.userId());
        given().post("/api/auth/passkeys/registration-options").then().statusCode(401);
    }

    @Test
    void aRegisteredPasskeyLogsInWithoutPasswordOrEmail() {
        Registered registered = PasskeyApi.registeredUser("therapist");
        Response tokens = PasskeyApi.login(registered.authenticator().get(PasskeyApi.loginChallenge(), registered.userHandle()));
        tokens.then().statusCode(200).body("userId", equalTo(registered.user().userId())).body("role", equalTo("therapist"))
                .body("refreshToken", notNullValue());
        AuthApi.me("Bearer " + tokens.path("accessToken")).then().statusCode(200)
                .body("mfa.passkeys", equalTo(1)).body("mfa.totp", equalTo(false));
        AuthApi.refresh(tokens.path("refreshToken")).then().statusCode(200);
        // authenticators may leave the user handle out; the credential id alone names the passkey
        PasskeyApi.login(registered.authenticator().get(PasskeyApi.loginChallenge(), null)).then().statusCode(200);
        PasskeyApi.list(registered.bearer()).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].passkeyId", equalTo(registered.passkeyId()))
                .body("items[0].name", equalTo("Laptop"))
                .body("items[0].lastUsedAt", notNullValue())
                .body("items[0].flagged", equalTo(false))
                .body("nextCursor", nullValue());
    }

    @Test
    void theCookieTransportSetsTheRefreshCookie() {
        Registered registered = PasskeyApi.registeredUser("client");
        given().contentType(ContentType.JSON).header("X-Token-Transport", "cookie")
                .body(Map.of("credential", registered.authenticator().get(PasskeyApi.loginChallenge(), registered.userHandle())))
                .post("/api/login/passkey").then().statusCode(200)
                .body("refreshToken", nullValue()).cookie("tms_refresh", notNullValue());
    }

    @Test
    void aPasskeyLoginIsNotAskedForTheAppsCode() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("therapist");
        Registered registered = PasskeyApi.registerAnother(enrolled.user(),
                MfaApi.secondStepBearer(enrolled), new SoftAuthenticator());
        PasskeyApi.login(registered.authenticator().get(PasskeyApi.loginChallenge(), registered.userHandle()))
                .then().statusCode(200).body("accessToken", notNullValue()).body("mfaRequired", nullValue());
        // the password still needs the app's code
        AuthApi.login(enrolled.user().email(), enrolled.user().password()).then().statusCode(200)
                .body("mfaRequired", equalTo(true));
    }

    @Test
    void aWrongOriginIsRefused() {
        AuthApi.User user = AuthApi.newUser("client");
        String bearer = AuthApi.loginOk(user).bearer();
        SoftAuthenticator authenticator = new SoftAuthenticator();
        String challenge = PasskeyApi.registrationOptions(bearer).path("challenge");
        PasskeyApi.register(bearer, "Phone", authenticator.create(challenge, "http://localhost.evil.example", "localhost", true))
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("wrong origin"));

        Registered registered = PasskeyApi.registerAnother(user, bearer, authenticator);
        PasskeyApi.login(authenticator.get(PasskeyApi.loginChallenge(), registered.userHandle(), "https://evil.example",
                "localhost", 1)).then().statusCode(401).contentType("application/problem+json");
        PasskeyApi.login(authenticator.get(PasskeyApi.loginChallenge(), registered.userHandle(), SoftAuthenticator.ORIGIN,
                "localhost", 2)).then().statusCode(200);
    }

    @Test
    void aWrongRelyingPartyIdHashIsRefused() {
        AuthApi.User user = AuthApi.newUser("client");
        String bearer = AuthApi.loginOk(user).bearer();
        SoftAuthenticator authenticator = new SoftAuthenticator();
        String challenge = PasskeyApi.registrationOptions(bearer).path("challenge");
        PasskeyApi.register(bearer, "Phone", authenticator.create(challenge, SoftAuthenticator.ORIGIN, "evil.example", true))
                .then().statusCode(400);

        Registered registered = PasskeyApi.registerAnother(user, bearer, authenticator);
        PasskeyApi.login(authenticator.get(PasskeyApi.loginChallenge(), registered.userHandle(), SoftAuthenticator.ORIGIN,
                "evil.example", 1)).then().statusCode(401);
    }

    @Test
    void withoutUserVerificationNothingIsRegistered() {
        AuthApi.User user = AuthApi.newUser("client");
        String bearer = AuthApi.loginOk(user).bearer();
        String challenge = PasskeyApi.registrationOptions(bearer).path("challenge");
        PasskeyApi.register(bearer, "Key", new SoftAuthenticator().create(challenge, SoftAuthenticator.ORIGIN, "localhost", false))
                .then().statusCode(400);
        PasskeyApi.list(bearer).then().body("items", empty());
    }

    @Test
    void aChallengeWorksOnce() {
        Registered registered = PasskeyApi.registeredUser("client");
        String challenge = PasskeyApi.loginChallenge();
        Map<String, Object> assertion = registered.authenticator().get(challenge, registered.userHandle());
        PasskeyApi.login(assertion).then().statusCode(200);
        PasskeyApi.login(assertion).then().statusCode(401); // replayed as is
        PasskeyApi.login(registered.authenticator().get(challenge, registered.userHandle())).then().statusCode(401); // re-signed

        // a registration challenge is single-use too, and not a login challenge
        String registration = PasskeyApi.registrationOptions(registered.bearer()).path("challenge");
        PasskeyApi.login(registered.authenticator().get(registration, registered.userHandle())).then().statusCode(401);
        SoftAuthenticator second = new SoftAuthenticator();
        PasskeyApi.register(registered.bearer(), "Second", second.create(registration)).then().statusCode(201);
        PasskeyApi.register(registered.bearer(), "Third", new SoftAuthenticator().create(registration)).then().statusCode(400);
        // nor is a login challenge a registration one
        PasskeyApi.register(registered.bearer(), "Fourth", new SoftAuthenticator().create(PasskeyApi.loginChallenge()))
                .then().statusCode(400);
    }

    @Test
    void aChallengeExpiresAfterFiveMinutes() {
        Registered registered = PasskeyApi.registeredUser("client");
        String expiring = PasskeyApi.loginChallenge();
        String lastMoment = PasskeyApi.loginChallenge();
        String registration = PasskeyApi.registrationOptions(registered.bearer()).path("challenge");
        try {
            clock.shift(Duration.ofMinutes(5).minusSeconds(5));
            PasskeyApi.login(registered.authenticator().get(lastMoment, registered.userHandle())).then().statusCode(200);
            clock.shift(Duration.ofSeconds(6));
            PasskeyApi.login(registered.authenticator().get(expiring, registered.userHandle())).then().statusCode(401);
            PasskeyApi.register(registered.bearer(), "Late", new SoftAuthenticator().create(registration)).then().statusCode(400);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aCounterThatDoesNotGrowFlagsThePasskey() {
        Registered registered = PasskeyApi.registeredUser("client");
        SoftAuthenticator authenticator = registered.authenticator();
        authenticator.setCounter(10);
        PasskeyApi.login(authenticator.get(PasskeyApi.loginChallenge(), registered.userHandle())).then().statusCode(200); // 11
        // a clone still at 11 (or behind) is refused, and the passkey is flagged
        PasskeyApi.login(authenticator.get(PasskeyApi.loginChallenge(), registered.userHandle(), SoftAuthenticator.ORIGIN,
                SoftAuthenticator.RP_ID, 11)).then().statusCode(401);
        PasskeyApi.list(registered.bearer()).then().body("items[0].flagged", equalTo(true));
        // from then on not even the genuine, growing counter logs in
        PasskeyApi.login(authenticator.get(PasskeyApi.loginChallenge(), registered.userHandle(), SoftAuthenticator.ORIGIN,
                SoftAuthenticator.RP_ID, 50)).then().statusCode(401);
    }

    @Test
    void anAuthenticatorWithoutACounterKeepsZero() {
        Registered registered = PasskeyApi.registeredUser("client");
        for (int i = 0; i < 2; i++) {
            PasskeyApi.login(registered.authenticator().get(PasskeyApi.loginChallenge(), registered.userHandle(),
                    SoftAuthenticator.ORIGIN, SoftAuthenticator.RP_ID, 0)).then().statusCode(200);
        }
        PasskeyApi.list(registered.bearer()).then().body("items[0].flagged", equalTo(false));
    }

    @Test
    void someoneElsesCredentialIsRefused() {
        Registered alice = PasskeyApi.registeredUser("client");
        Registered bob = PasskeyApi.registeredUser("client");
        // Bob's key claiming Alice's credential id: the signature does not verify
        SoftAuthenticator impostor = new SoftAuthenticator().impostorOf(alice.authenticator());
        PasskeyApi.login(impostor.get(PasskeyApi.loginChallenge(), alice.userHandle())).then().statusCode(401);
        // Alice's credential with Bob's user handle
        PasskeyApi.login(alice.authenticator().get(PasskeyApi.loginChallenge(), bob.userHandle())).then().statusCode(401);
        // Bob cannot finish a registration with Alice's challenge
        String alicesChallenge = PasskeyApi.registrationOptions(alice.bearer()).path("challenge");
        PasskeyApi.register(bob.bearer(), "Mine", new SoftAuthenticator().create(alicesChallenge)).then().statusCode(400);
        // nor register Alice's credential id again as his
        String bobsChallenge = PasskeyApi.registrationOptions(bob.bearer()).path("challenge");
        PasskeyApi.register(bob.bearer(), "Copy", impostor.create(bobsChallenge)).then().statusCode(409);
        // nor see or remove her passkey
        PasskeyApi.list(bob.bearer()).then().body("items.passkeyId", contains(bob.passkeyId()));
        PasskeyApi.delete(bob.bearer(), alice.passkeyId()).then().statusCode(404);
        PasskeyApi.login(alice.authenticator().get(PasskeyApi.loginChallenge(), alice.userHandle())).then().statusCode(200);
    }

    @Test
    void severalPasskeysPerUserAndARemovedOneNoLongerLogsIn() {
        Registered first = PasskeyApi.registeredUser("therapist");
        Registered second = PasskeyApi.registerAnother(first.user(), first.bearer(), new SoftAuthenticator());
        PasskeyApi.registrationOptions(first.bearer()).then()
                .body("excludeCredentials.id", contains(first.authenticator().credentialId(), second.authenticator().credentialId()));
        PasskeyApi.list(first.bearer()).then().body("items.passkeyId", contains(first.passkeyId(), second.passkeyId()));
        AuthApi.me(first.bearer()).then().body("mfa.passkeys", equalTo(2));

        PasskeyApi.delete(first.bearer(), first.passkeyId()).then().statusCode(204);
        PasskeyApi.delete(first.bearer(), first.passkeyId()).then().statusCode(404);
        PasskeyApi.list(first.bearer()).then().body("items.passkeyId", contains(second.passkeyId()));
        PasskeyApi.login(first.authenticator().get(PasskeyApi.loginChallenge(), first.userHandle())).then().statusCode(401);
        PasskeyApi.login(second.authenticator().get(PasskeyApi.loginChallenge(), second.userHandle())).then().statusCode(200);
    }

    @Test
    void malformedCredentialsAreRefusedPolitely() {
        AuthApi.User user = AuthApi.newUser("client");
        String bearer = AuthApi.loginOk(user).bearer();
        PasskeyApi.register(bearer, "X", Map.of("id", "abc", "response", Map.of())).then().statusCode(400)
                .contentType("application/problem+json");
        PasskeyApi.register(bearer, " ", new SoftAuthenticator().create(PasskeyApi.registrationOptions(bearer).path("challenge")))
                .then().statusCode(400);
        PasskeyApi.login(Map.of("id", "abc")).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post("/api/login/passkey").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/login/passkey-options")
                .then().statusCode(200).body("allowCredentials", empty()).body("userVerification", equalTo("required"));
    }

    @Test
    void aDeactivatedAccountsPasskeyNoLongerLogsIn() {
        Registered registered = PasskeyApi.registeredUser("client");
        given().header("Authorization", "Bearer " + TestTokens.forUser(java.util.UUID.randomUUID().toString(), "admin"))
                .post("/api/admin/users/" + registered.user().userId() + "/deactivate").then().statusCode(204);
        PasskeyApi.login(registered.authenticator().get(PasskeyApi.loginChallenge(), registered.userHandle())).then().statusCode(401);
    }
}
