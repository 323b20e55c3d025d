package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Checks the tokens with the verifier quarkus-smallrye-jwt uses, configured as DevStackResource configures it. */
class TestTokensTest {

    private final DefaultJWTParser verifier = verifier();

    @Test
    void mintsTokensTheServicesAccept() throws ParseException {
        JsonWebToken token = verifier.parse(TestTokens.forUser("user-1", "therapist"));

        assertThat(token.getSubject()).isEqualTo("user-1");
        assertThat(token.getGroups()).containsExactly("therapist");
        assertThat(token.getName()).isEqualTo("user-1@test.local");
        assertThat(token.getIssuer()).isEqualTo("https://therapyms.local/auth");
        assertThat(token.getAudience()).containsExactly("therapyms");
        assertThat(token.getTokenID()).isNotBlank();
        assertThat(Instant.ofEpochSecond(token.getExpirationTime()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));
    }

    @Test
    void givesEachTokenItsOwnId() throws ParseException {
        String first = verifier.parse(TestTokens.forUser("user-1", "client")).getTokenID();
        String second = verifier.parse(TestTokens.forUser("user-1", "client")).getTokenID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void signsWithTheKeyAtTheConfiguredClasspathLocation() throws ParseException {
        // What auth-service's tests get through smallrye.jwt.sign.key.location.
        String token = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("user-2").groups("admin")
                .sign(TestTokens.PRIVATE_KEY_LOCATION);

        assertThat(verifier.parse(token).getGroups()).containsExactly("admin");
    }

    @Test
    void rejectsExpiredTokens() {
        assertRejected(TestTokens.expired("user-1", "client"));
    }

    @Test
    void rejectsTokensForAnotherAudience() {
        assertRejected(TestTokens.withAudience("user-1", "client", "someone-else"));
    }

    @Test
    void rejectsTokensFromAnotherIssuer() {
        assertRejected(TestTokens.withIssuer("user-1", "client", "https://evil.example/auth"));
    }

    @Test
    void rejectsUnsignedTokens() {
        String token = TestTokens.algNone("user-1", "client");

        assertThat(token).endsWith(".");
        assertRejected(token);
    }

    @Test
    void rejectsTamperedTokens() throws ParseException {
        String original = TestTokens.forUser("user-1", "client");
        String tampered = TestTokens.tampered(original);

        assertThat(tampered.split("\\.")[2]).isEqualTo(original.split("\\.")[2]);
        assertThat(tampered.split("\\.")[1]).isNotEqualTo(original.split("\\.")[1]);
        assertRejected(tampered);
        assertThat(verifier.parse(original).getSubject()).isEqualTo("user-1");
    }

    @Test
    void rejectsTokensSignedByAnotherKey() {
        assertRejected(TestTokens.signedByOtherKey("user-1", "admin"));
    }

    private void assertRejected(String token) {
        assertThatThrownBy(() -> verifier.parse(token)).isInstanceOf(ParseException.class);
    }

    private static DefaultJWTParser verifier() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(TestTokens.PUBLIC_KEY_LOCATION, TestTokens.ISSUER);
        context.setExpectedAudience(Set.of(TestTokens.AUDIENCE));
        return new DefaultJWTParser(context);
    }
}
