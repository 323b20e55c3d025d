package io.therapyms.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The signing key pair of a local ./run stack (not the committed test keys): generated once under .data/keys, so
 * tokens stay valid across restarts, and never leaving this machine.
 */
final class LocalKeys {

    static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final Path privateKey;
    private final Path publicKey;

    private LocalKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    Path privateKey() {
        return privateKey;
    }

    Path publicKey() {
        return publicKey;
    }

    /** The key pair in {@code keysDir}, generated (RSA 2048, PEM, private key readable by the owner only) if missing. */
    static LocalKeys ensure(Path keysDir) {
        LocalKeys keys = new LocalKeys(keysDir.resolve(PRIVATE_KEY_FILE).toAbsolutePath(),
                keysDir.resolve(PUBLIC_KEY_FILE).toAbsolutePath());
        if (Files.exists(keys.privateKey) && Files.exists(keys.publicKey)) {
            return keys;
        }
        try {
            Files.createDirectories(keysDir);
            Files.deleteIfExists(keys.privateKey);
            Files.deleteIfExists(keys.publicKey);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Created with owner-only permissions, so the key is never readable by others, not even for a moment.
            createOwnerOnly(keys.privateKey);
            Files.writeString(keys.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keys.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException("cannot create the local JWT key pair in " + keysDir + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** PKCS#8 (private) or X.509 SubjectPublicKeyInfo (public) DER, as PEM with 64-character lines. */
    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
