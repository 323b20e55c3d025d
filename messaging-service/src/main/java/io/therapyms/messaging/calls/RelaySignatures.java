package io.therapyms.messaging.calls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs and checks the deliveries one instance POSTs to another ({@link CallDeliveryResource}): HMAC-SHA256 over the
 * time, the session id and the body, under a key every instance derives from the shared
 * {@code messaging.calls.relay-secret}. A delivery is valid for {@link #VALIDITY} either side of its time, so one
 * captured on the way cannot be replayed later, nor to another session.
 */
@Singleton
public class RelaySignatures {

    public static final String TIME_HEADER = "X-Call-Relay-Time";
    public static final String SIGNATURE_HEADER = "X-Call-Relay-Signature";
    static final Duration VALIDITY = Duration.ofSeconds(15);

    private final SecretKeySpec key;

    @Inject
    Clock clock;

    @Inject
    RelaySignatures(@ConfigProperty(name = "messaging.calls.relay-secret") String secret) {
        this.key = derive(secret);
    }

    /** Derived, so that the configured secret (by default the cursor secret) never serves two purposes as is. */
    static SecretKeySpec derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("messaging-call-relay-v2".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public long now() {
        return clock.millis();
    }

    public String sign(long time, String sessionId, String body) {
        return sign(key, time, sessionId, body);
    }

    static String sign(SecretKeySpec key, long time, String sessionId, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((time + "\n" + sessionId + "\n").getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True only for a signature of exactly this time, session and body, made within the validity. */
    public boolean valid(String time, String signature, String sessionId, String body) {
        if (time == null || signature == null || body == null) {
            return false;
        }
        long at;
        try {
            at = Long.parseLong(time);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now() - at) > VALIDITY.toMillis()) {
            return false;
        }
        return MessageDigest.isEqual(sign(at, sessionId, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
