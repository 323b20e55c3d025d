package io.therapyms.auth.mfa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.auth.config.AuthTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.time.InstantText;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Passkeys and their challenges in the auth table.
 * <pre>
 * passkey:    pk = PASSKEY#&lt;credentialId&gt;  sk = PASSKEY   gsi1pk = USER#&lt;userId&gt;  gsi1sk = PASSKEY#&lt;passkeyId&gt;
 *             passkeyId, userId, name, credential (attested credential data), signCount, flagged, createdAt, lastUsedAt
 * challenge:  pk = WEBAUTHN#&lt;sha256(challenge)&gt;  sk = CHALLENGE   purpose, userId (registration), expiresAt, used,
 *             purgeAt (TTL)
 * </pre>
 * A login finds the passkey by the credential id the browser sends (GetItem); a user's passkeys are a
 * Query of gsi1 on the user's partition, as their sessions are.
 */
@Singleton
class PasskeyRepository {

    static final String REGISTRATION = "registration";
    static final String LOGIN = "login";
    private static final String PASSKEY = "PASSKEY";
    private static final String CHALLENGE = "CHALLENGE";
    private static final AttributeValue YES = AttributeValue.fromBool(true);
    private static final AttributeValue NO = AttributeValue.fromBool(false);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    void putChallenge(String challengeHash, String purpose, String userId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(challengeKey(challengeHash));
        item.put("purpose", AttributeValue.fromS(purpose));
        item.put("userId", AttributeValue.fromS(userId == null ? "-" : userId));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())));
        item.put(AuthTables.PURGE_AT, AuthTables.purgeAt(expiresAt));
        item.put("used", NO);
        dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /**
     * Spends a challenge issued for {@code purpose} (and, for a registration, to {@code userId}): true for
     * exactly one caller, and only before it expires.
     */
    boolean spendChallenge(String challengeHash, String purpose, String userId, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(challengeKey(challengeHash))
                    .updateExpression("SET used = :yes")
                    .conditionExpression("used = :no AND expiresAt > :now AND purpose = :purpose AND userId = :user")
                    .expressionAttributeValues(Map.of(":yes", YES, ":no", NO,
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":purpose", AttributeValue.fromS(purpose),
                            ":user", AttributeValue.fromS(userId == null ? "-" : userId))));
            return true;
        } catch (ConditionalCheckFailedException unknownUsedExpiredOrNotYours) {
            return false;
        }
    }

    /** Stores a new passkey; false if the credential id is registered already. */
    boolean put(Passkey passkey) {
        Map<String, AttributeValue> item = new HashMap<>(passkeyKey(passkey.credentialId()));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS(userKey(passkey.userId())));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS(PASSKEY + "#" + passkey.passkeyId()));
        item.put("passkeyId", AttributeValue.fromS(passkey.passkeyId()));
        item.put("userId", AttributeValue.fromS(passkey.userId()));
        item.put("name", AttributeValue.fromS(passkey.name()));
        item.put("credential", AttributeValue.fromB(SdkBytes.fromByteArray(passkey.attestedCredentialData())));
        item.put("signCount", AttributeValue.fromN(Long.toString(passkey.signCount())));
        item.put("flagged", NO);
        item.put("createdAt", AttributeValue.fromS(passkey.createdAt().toString()));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    Optional<Passkey> findByCredentialId(String credentialId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(passkeyKey(credentialId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toPasskey(item));
    }

    /** The user's passkeys, oldest first (a Query of gsi1, never a Scan). */
    List<Passkey> ofUser(String userId) {
        List<Passkey> passkeys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI1)
                    .keyConditionExpression("gsi1pk = :user AND begins_with(gsi1sk, :passkey)")
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userKey(userId)),
                            ":passkey", AttributeValue.fromS(PASSKEY + "#")))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> passkeys.add(toPasskey(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        passkeys.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return passkeys;
    }

    /** Deletes the passkey if it is still the user's. */
    boolean delete(Passkey passkey) {
        try {
            dynamo.deleteItem(d -> d.tableName(table()).key(passkeyKey(passkey.credentialId()))
                    .conditionExpression("userId = :user")
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(passkey.userId()))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /**
     * Records a login's signature counter: it must grow, except for an authenticator that keeps none
     * (0 stored and 0 presented). False when a racing login stored a value at least as high.
     */
    boolean recordUse(Passkey passkey, long signCount, Instant now) {
        String condition = signCount == 0 ? "signCount = :zero AND flagged = :no" : "signCount < :count AND flagged = :no";
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":count", AttributeValue.fromN(Long.toString(signCount)));
        values.put(":now", AttributeValue.fromS(now.toString()));
        values.put(":no", NO);
        if (signCount == 0) {
            values.put(":zero", AttributeValue.fromN("0"));
        }
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(passkeyKey(passkey.credentialId()))
                    .updateExpression("SET signCount = :count, lastUsedAt = :now")
                    .conditionExpression(condition)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    /** A counter that went backwards: the passkey may have been cloned; it logs in no more. */
    void flag(Passkey passkey, Instant now) {
        dynamo.updateItem(u -> u.tableName(table()).key(passkeyKey(passkey.credentialId()))
                .updateExpression("SET flagged = :yes, flaggedAt = :now")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":yes", YES, ":now", AttributeValue.fromS(now.toString()))));
    }

    private static Passkey toPasskey(Map<String, AttributeValue> item) {
        return new Passkey(item.get("passkeyId").s(), item.get(TableSpec.PK).s().substring(PASSKEY.length() + 1),
                item.get("userId").s(), item.get("name").s(), item.get("credential").b().asByteArray(),
                Long.parseLong(item.get("signCount").n()), Boolean.TRUE.equals(item.get("flagged").bool()),
                InstantText.parse(item.get("createdAt").s()),
                item.containsKey("lastUsedAt") ? InstantText.parse(item.get("lastUsedAt").s()) : null);
    }

    private static String userKey(String userId) {
        return "USER#" + userId;
    }

    private static Map<String, AttributeValue> passkeyKey(String credentialId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(PASSKEY + "#" + credentialId),
                TableSpec.SK, AttributeValue.fromS(PASSKEY));
    }

    private static Map<String, AttributeValue> challengeKey(String challengeHash) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("WEBAUTHN#" + challengeHash),
                TableSpec.SK, AttributeValue.fromS(CHALLENGE));
    }

    private String table() {
        return config.prefixed(AuthTables.MAIN);
    }
}
