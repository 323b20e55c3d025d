package io.therapyms.auth;

import static io.therapyms.auth.AuthApi.loginOk;
import static io.therapyms.auth.AuthApi.me;
import static io.therapyms.auth.AuthApi.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TokenVerificationTest {

    @Test
    void issuesTokensWithTheAgreedClaimsVerifiableByTheJwks() throws Exception {
        AuthApi.User user = newUser("therapist");
        AuthApi.Tokens tokens = loginOk(user);
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new org.jose4j.keys.resolvers.JwksVerificationKeyResolver(
                        new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("https://therapyms.local/auth")
                .setExpectedAudience("therapyms")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .build()
                .processToClaims(tokens.accessToken());

        assertThat(claims.getSubject()).isEqualTo(user.userId());
        assertThat(claims.getStringListClaimValue("groups")).isEqualTo(List.of("therapist"));
        assertThat(claims.getStringClaimValue("upn")).isEqualTo(user.email());
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isLessThanOrEqualTo(15 * 60);
    }

    @Test
    void meReturnsTheAccount() {
        AuthApi.User user = newUser("client");
        me(loginOk(user).bearer()).then().statusCode(200)
                .body("userId", equalTo(user.userId()))
                .body("email", equalTo(user.email()))
                .body("role", equalTo("client"))
                .body("name", equalTo("Test Person"));
    }

    @Test
    void refusesTamperedUnsignedExpiredAndForeignTokens() {
        AuthApi.User user = newUser("client");
        String good = loginOk(user).accessToken();
        for (String bad : List.of(
                TestTokens.tampered(good),
                TestTokens.algNone(user.userId(), "client"),
                TestTokens.expired(user.userId(), "client"),
                TestTokens.withAudience(user.userId(), "client", "another-system"),
                TestTokens.withIssuer(user.userId(), "client", "https://evil.example"),
                TestTokens.signedByOtherKey(user.userId(), "client"))) {
            me("Bearer " + bad).then().statusCode(401).contentType("application/problem+json");
        }
        me("Bearer " + good).then().statusCode(200);
    }

    @Test
    void jwksPublishesOnlyPublicKeyMaterial() {
        Map<String, Object> key = given().get("/.well-known/jwks.json").then().extract().path("keys[0]");
        assertThat(key).containsKeys("kty", "kid", "n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }
}
