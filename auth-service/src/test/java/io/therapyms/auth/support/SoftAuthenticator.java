package io.therapyms.auth.support;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A passkey authenticator written for the tests with JDK crypto only: one EC P-256 key (ES256), the
 * authenticator data bytes of WebAuthn §6.1, the "none" attestation object and the clientDataJSON a
 * browser would build, in the JSON shape of {@code PublicKeyCredential.toJSON()}. Every field a test
 * may want wrong (origin, RP id, counter, user handle, key) can be chosen per call.
 */
public final class SoftAuthenticator {

    public static final String ORIGIN = "http://localhost:8080";
    public static final String RP_ID = "localhost";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private long counter;

    public SoftAuthenticator() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        RANDOM.nextBytes(credentialId);
    }

    /** Another key claiming this authenticator's credential id: what someone without the key would send. */
    public SoftAuthenticator impostorOf(SoftAuthenticator victim) {
        SoftAuthenticator impostor = new SoftAuthenticator();
        System.arraycopy(victim.credentialId, 0, impostor.credentialId, 0, credentialId.length);
        return impostor;
    }

    public String credentialId() {
        return b64(credentialId);
    }

    public void setCounter(long counter) {
        this.counter = counter;
    }

    /** The registration response for a {@code challenge} from registration-options. */
    public Map<String, Object> create(String challenge) {
        return create(challenge, ORIGIN, RP_ID, true);
    }

    public Map<String, Object> create(String challenge, String origin, String rpId, boolean userVerified) {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        byte[] authData = concat(authDataHead(rpId, (byte) (UP | (userVerified ? UV : 0) | AT), counter),
                new byte[16], // AAGUID: none, as with "none" attestation
                new byte[] { (byte) (credentialId.length >> 8), (byte) credentialId.length }, credentialId, coseKey());
        byte[] attestationObject = concat(new byte[] { (byte) 0xA3 }, text("fmt"), text("none"), text("attStmt"),
                new byte[] { (byte) 0xA0 }, text("authData"), bytes(authData));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64(clientData));
        response.put("attestationObject", b64(attestationObject));
        response.put("transports", new String[] { "internal" });
        return credential(response);
    }

    /** The login response (assertion) for a {@code challenge} from passkey-options, counter bumped first. */
    public Map<String, Object> get(String challenge, String userHandle) {
        counter++;
        return get(challenge, userHandle, ORIGIN, RP_ID, counter);
    }

    public Map<String, Object> get(String challenge, String userHandle, String origin, String rpId, long signCount) {
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] authData = authDataHead(rpId, (byte) (UP | UV), signCount);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(concat(authData, sha256(clientData)));
            signature = signer.sign(); // ASN.1 DER, as WebAuthn's ES256 signatures are
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64(clientData));
        response.put("authenticatorData", b64(authData));
        response.put("signature", b64(signature));
        if (userHandle != null) {
            response.put("userHandle", userHandle);
        }
        return credential(response);
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] authDataHead(String rpId, byte flags, long signCount) {
        return concat(sha256(rpId.getBytes(StandardCharsets.UTF_8)), new byte[] { flags },
                ByteBuffer.allocate(4).putInt((int) signCount).array());
    }

    /** The public key as a COSE_Key map: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}. */
    private byte[] coseKey() {
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        return concat(new byte[] { (byte) 0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21 }, bytes(unsigned32(pub.getW().getAffineX())),
                new byte[] { 0x22 }, bytes(unsigned32(pub.getW().getAffineY())));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    /** A CBOR text string (major type 3), short enough for a one-byte length. */
    private static byte[] text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] { (byte) (0x60 | utf8.length) }, utf8);
    }

    /** A CBOR byte string (major type 2). */
    private static byte[] bytes(byte[] value) {
        byte[] head;
        if (value.length < 24) {
            head = new byte[] { (byte) (0x40 | value.length) };
        } else if (value.length < 256) {
            head = new byte[] { 0x58, (byte) value.length };
        } else {
            head = new byte[] { 0x59, (byte) (value.length >> 8), (byte) value.length };
        }
        return concat(head, value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(byte[] value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
