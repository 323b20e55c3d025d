package io.therapyms.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Access tokens for tests, shaped like auth-service's: {@code iss}, {@code aud}, {@code sub} = user id,
 * {@code groups} = [role], {@code upn}, {@code jti}, {@code iat}, {@code exp} (10 minutes), RS256.
 *
 * <p><b>TEST KEYS ONLY, never used outside tests.</b> Tokens are signed with the committed key pair in
 * {@code test-keys/} (see the README there): anyone can mint them, so no running system may trust that public key.
 * {@link DevStackResource} points the application under test at it.
 *
 * <p>Besides valid tokens, each way a token must be refused has a method, for the negative tests every service has.
 */
public final class TestTokens {

    public static final String ISSUER = "https://therapyms.local/auth";
    public static final String AUDIENCE = "therapyms";
    /** Where smallrye-jwt finds the test public key ({@code mp.jwt.verify.publickey.location}). */
    public static final String PUBLIC_KEY_LOCATION = "classpath:test-keys/jwt-test-public.pem";
    /** Where smallrye-jwt finds the test private key ({@code smallrye.jwt.sign.key.location}). */
    public static final String PRIVATE_KEY_LOCATION = "classpath:test-keys/jwt-test-private.pem";

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String PRIVATE_KEY_RESOURCE = "test-keys/jwt-test-private.pem";

    private TestTokens() {
    }

    /** A valid token for {@code userId} in {@code role} ({@code client}, {@code therapist} or {@code admin}). */
    public static String forUser(String userId, String role) {
        return claims(userId, role).sign(TestKey.PRIVATE);
    }

    /** Correctly signed, but its {@code exp} passed ten minutes ago. */
    public static String expired(String userId, String role) {
        Instant issued = Instant.now().minus(LIFETIME).minus(LIFETIME);
        return claims(userId, role).issuedAt(issued).expiresAt(issued.plus(LIFETIME)).sign(TestKey.PRIVATE);
    }

    /**
     * A valid token whose {@code exp} is {@code lifetime} from now (in whole seconds, as in every JWT):
     * for what must happen when a token expires while in use, e.g. an open socket being closed.
     */
    public static String expiringIn(String userId, String role, Duration lifetime) {
        Instant now = Instant.now();
        return claims(userId, role).issuedAt(now).expiresAt(now.plus(lifetime)).sign(TestKey.PRIVATE);
    }

    /** Correctly signed, but meant for another audience. */
    public static String withAudience(String userId, String role, String audience) {
        return claims(userId, role).audience(audience).sign(TestKey.PRIVATE);
    }

    /** Correctly signed, but from another issuer. */
    public static String withIssuer(String userId, String role, String issuer) {
        return claims(userId, role).issuer(issuer).sign(TestKey.PRIVATE);
    }

    /** The valid claims with {@code alg: none} and no signature: the classic downgrade attack. */
    public static String algNone(String userId, String role) {
        String payload = forUser(userId, role).split("\\.")[1];
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    /**
     * {@code token} with its payload changed and its signature kept: {@code groups} raised to [admin] and the expiry
     * pushed a day on, what someone editing their own token would try.
     */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT (header.payload.signature)");
        }
        try {
            JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            claims.setStringListClaim("groups", List.of("admin"));
            claims.setExpirationTime(NumericDate.fromSeconds(claims.getExpirationTime().getValue() + 86_400));
            return parts[0] + "." + base64Url(claims.toJson()) + "." + parts[2];
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new IllegalArgumentException("the token's payload is not a JWT claims set", e);
        }
    }

    /** Valid claims signed with a key nobody trusts. */
    public static String signedByOtherKey(String userId, String role) {
        return claims(userId, role).sign(OtherKey.PRIVATE);
    }

    private static JwtClaimsBuilder claims(String userId, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn(userId + "@test.local")
                .groups(role)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Loaded on first use, so a module that never mints a token never reads the key. */
    private static final class TestKey {
        static final PrivateKey PRIVATE = load();

        private static PrivateKey load() {
            try (InputStream pem = TestTokens.class.getClassLoader().getResourceAsStream(PRIVATE_KEY_RESOURCE)) {
                if (pem == null) {
                    throw new IllegalStateException(PRIVATE_KEY_RESOURCE + " is not on the class path");
                }
                return KeyUtils.decodePrivateKey(new String(pem.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the test private key " + PRIVATE_KEY_RESOURCE, e);
            }
        }
    }

    private static final class OtherKey {
        static final PrivateKey PRIVATE = generate();

        private static PrivateKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate an RSA key", e);
            }
        }
    }
}
