package io.therapyms.auth.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the auth table keys the bearer secrets it must recognise but never hold: refresh tokens, mfaTokens, passkey
 * challenges and recovery codes are stored only as their SHA-256, so a leaked table does not leak live secrets. A
 * plain, unsalted hash is enough because every one of them is random and too long to guess (80 bits or more); the
 * passwords, which are not, go through bcrypt instead.
 */
public final class SecretDigests {

    private SecretDigests() {
    }

    /** The lower-case hex SHA-256 of the value's UTF-8 bytes: the form the table's keys hold. */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
