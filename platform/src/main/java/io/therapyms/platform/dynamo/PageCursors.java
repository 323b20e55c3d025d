package io.therapyms.platform.dynamo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.config.ProductionGuard;
import io.therapyms.platform.errors.BadRequestException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, tamper-evident paging cursors over DynamoDB's {@code LastEvaluatedKey}.
 * <p>
 * A cursor is {@code base64url(json(key)) "." base64url(hmac)}; the MAC also covers a caller-chosen
 * scope (e.g. "journal:list:<clientId>:<filters>") so a cursor cannot be replayed against another
 * query or another person's data. Any change to a cursor gives 400.
 */
@Singleton
public class PageCursors {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec key;

    @Inject
    public PageCursors(PlatformConfig config) {
        this(config.cursor().secret().filter(secret -> !secret.isBlank())
                .orElseThrow(() -> new IllegalStateException(ProductionGuard.CURSOR_SECRET_MISSING)));
    }

    PageCursors(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The cursor for the next page, or null when there is none. */
    public String encode(Map<String, AttributeValue> lastEvaluatedKey, String scope) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, Map<String, String>> plain = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> plain.put(name, toPlain(name, value)));
        try {
            byte[] payload = JSON.writeValueAsBytes(plain);
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload, scope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a paging cursor", e);
        }
    }

    /** The {@code ExclusiveStartKey} for a cursor, or null for the first page; 400 if it was altered. */
    public Map<String, AttributeValue> decode(String cursor, String scope) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload, scope))) {
                throw invalid();
            }
            Map<String, Map<String, String>> plain = JSON.readValue(payload, new TypeReference<>() { });
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((name, value) -> key.put(name, fromPlain(value)));
            return key;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] payload, String scope) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static Map<String, String> toPlain(String name, AttributeValue value) {
        if (value.s() != null) {
            return Map.of("S", value.s());
        }
        if (value.n() != null) {
            return Map.of("N", value.n());
        }
        if (value.b() != null) {
            return Map.of("B", ENCODER.encodeToString(value.b().asByteArray()));
        }
        throw new IllegalArgumentException("Key attribute " + name + " is not a string, number or binary");
    }

    private static AttributeValue fromPlain(Map<String, String> value) {
        if (value.size() != 1) {
            throw invalid();
        }
        Map.Entry<String, String> entry = value.entrySet().iterator().next();
        return switch (entry.getKey()) {
            case "S" -> AttributeValue.fromS(entry.getValue());
            case "N" -> AttributeValue.fromN(entry.getValue());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(DECODER.decode(entry.getValue())));
            default -> throw invalid();
        };
    }

    private static BadRequestException invalid() {
        return BadRequestException.field("cursor", "invalid or altered paging cursor");
    }
}
