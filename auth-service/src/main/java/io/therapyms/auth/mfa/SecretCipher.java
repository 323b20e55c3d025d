package io.therapyms.auth.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM under {@code MFA_ENCRYPTION_KEY}. The user id is
 * the associated data, so a ciphertext copied onto another user's item does not decrypt.
 * Stored form: base64(12-byte nonce || ciphertext with tag).
 */
public final class SecretCipher {

    /**
     * TEST KEY, published in this repository: for the dev, test and local profiles only. The prod
     * profile refuses it like a missing key.
     */
    public static final String TEST_KEY = "VEVTVC1PTkxZLW1mYS1rZXktbm90LWEtc2VjcmV0ISE=";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The cipher for the configured key; fails with a message naming {@code MFA_ENCRYPTION_KEY} when it
     * is missing or malformed, or when the prod profile is given the published test key.
     */
    public static SecretCipher fromConfig(Optional<String> configured, Collection<String> profiles) {
        String value = configured.map(String::strip).filter(v -> !v.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "No MFA_ENCRYPTION_KEY: set it to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`); "
                        + "it encrypts the TOTP secrets at rest"));
        if (profiles.contains("prod") && value.equals(TEST_KEY)) {
            throw new IllegalStateException("MFA_ENCRYPTION_KEY is the published test key; prod needs a secret one "
                    + "(e.g. `openssl rand -base64 32`)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MFA_ENCRYPTION_KEY is not base64 (expected the base64 of 32 random bytes)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("MFA_ENCRYPTION_KEY must be 32 bytes (base64 of 32 random bytes), not "
                    + bytes.length);
        }
        return new SecretCipher(bytes);
    }

    public String encrypt(byte[] plaintext, String userId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(String stored, String userId) {
        byte[] all = Base64.getDecoder().decode(stored);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // wrong key or a tampered item: never fall back to anything
            throw new IllegalStateException("The stored TOTP secret does not decrypt with MFA_ENCRYPTION_KEY", e);
        }
    }
}
