package io.therapyms.auth.keys;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.util.KeyUtils;
import io.therapyms.auth.config.AuthConfig;

/**
 * The RSA key pair that signs access tokens. Only the private key is configured; the public half,
 * published as JWKS, is derived from it so the two can never disagree.
 */
@Singleton
public class SigningKeys {

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    @Inject
    public SigningKeys(AuthConfig config) {
        String location = config.signingKey().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "No token signing key: set JWT_PRIVATE_KEY to the location of a PEM (PKCS#8) RSA private key"
                        + (ConfigUtils.getProfiles().contains("prod") ? " (required in the prod profile)" : "")));
        missingKeyFile(location).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        try {
            this.privateKey = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(location));
            if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalStateException("The token signing key must be an RSA private key");
            }
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            this.keyId = thumbprint(publicKey);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the token signing key from " + location, e);
        }
    }

    /**
     * What is wrong with a key location that names a file on this machine, in words that say how to fix it
     * (the usual mistakes: compose started before the key pair was made, or the container's user cannot read it).
     */
    static Optional<String> missingKeyFile(String location) {
        if (location.contains(":") && !location.startsWith("file:")) {
            return Optional.empty(); // classpath: or a URL, read as such below
        }
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        String fix = "make the key pair with devstack/containers/make-keys (containers) or ./run (under .data/keys), "
                + "or set JWT_PRIVATE_KEY to a PEM (PKCS#8) RSA private key";
        if (!Files.exists(file)) {
            return Optional.of("No token signing key: JWT_PRIVATE_KEY names " + file + ", which does not exist: " + fix);
        }
        if (!Files.isReadable(file)) {
            return Optional.of("The token signing key " + file + " (JWT_PRIVATE_KEY) is not readable by this process: "
                    + "for the containers, devstack/containers/make-keys lets their user (uid 1001) read it");
        }
        return Optional.empty();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JSON Web Key (RFC 7517). */
    public Map<String, String> publicJwk() {
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", keyId,
                "n", base64Url(publicKey.getModulus()), "e", base64Url(publicKey.getPublicExponent()));
    }

    /** RFC 7638 thumbprint, a stable key id. */
    private static String thumbprint(RSAPublicKey key) throws Exception {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
