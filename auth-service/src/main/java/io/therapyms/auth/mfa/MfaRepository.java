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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Second factors in the auth table. Every single-use rule is one conditional write.
 * <pre>
 * authenticator app:  pk = MFA#&lt;userId&gt;  sk = TOTP                      secret (AES-GCM), state, setupId, lastUsedStep
 * recovery code:      pk = MFA#&lt;userId&gt;  sk = RECOVERY#&lt;sha256(code)&gt;  used
 * mfa token:          pk = MFATOKEN#&lt;sha256(token)&gt;  sk = MFATOKEN      userId, email, expiresAt, used, purgeAt (TTL)
 * </pre>
 */
@Singleton
class MfaRepository {

    private static final String TOTP = "TOTP";
    private static final String RECOVERY = "RECOVERY#";
    private static final String MFA_TOKEN = "MFATOKEN";
    private static final AttributeValue YES = AttributeValue.fromBool(true);
    private static final AttributeValue NO = AttributeValue.fromBool(false);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    Optional<TotpEnrolment> findTotp(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(totpKey(userId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TotpEnrolment(userId, item.get("secret").s(), "active".equals(item.get("state").s()),
                item.get("setupId").s(), Long.parseLong(item.get("lastUsedStep").n())));
    }

    /** Stores a pending setup, replacing a pending one; false when an active one exists. */
    boolean putPendingTotp(String userId, String encryptedSecret, String setupId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(totpKey(userId));
        item.put("secret", AttributeValue.fromS(encryptedSecret));
        item.put("state", AttributeValue.fromS("pending"));
        item.put("setupId", AttributeValue.fromS(setupId));
        item.put("lastUsedStep", AttributeValue.fromN("-1"));
        item.put("createdAt", AttributeValue.fromS(now.toString()));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #state = :pending")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS("pending"))));
            return true;
        } catch (ConditionalCheckFailedException active) {
            return false;
        }
    }

    /** Turns the pending setup {@code setupId} on; false if it was replaced or confirmed meanwhile. */
    boolean activateTotp(String userId, String setupId, long usedStep, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(totpKey(userId))
                    .updateExpression("SET #state = :active, lastUsedStep = :step, confirmedAt = :now")
                    .conditionExpression("#state = :pending AND setupId = :setup")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":active", AttributeValue.fromS("active"),
                            ":pending", AttributeValue.fromS("pending"), ":setup", AttributeValue.fromS(setupId),
                            ":step", AttributeValue.fromN(Long.toString(usedStep)),
                            ":now", AttributeValue.fromS(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Records that the code of {@code step} was used. Only a step newer than every used one passes, so of
     * two requests with the same code (or racing ones) exactly one gets true.
     */
    boolean useStep(String userId, long step) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(totpKey(userId))
                    .updateExpression("SET lastUsedStep = :step")
                    .conditionExpression("#state = :active AND lastUsedStep < :step")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":active", AttributeValue.fromS("active"),
                            ":step", AttributeValue.fromN(Long.toString(step)))));
            return true;
        } catch (ConditionalCheckFailedException usedOrGone) {
            return false;
        }
    }

    void deleteTotp(String userId) {
        dynamo.deleteItem(d -> d.tableName(table()).key(totpKey(userId)));
    }

    void putRecoveryCodes(String userId, List<String> codeHashes) {
        for (String hash : codeHashes) {
            Map<String, AttributeValue> item = new HashMap<>(recoveryKey(userId, hash));
            item.put("used", NO);
            dynamo.putItem(p -> p.tableName(table()).item(item));
        }
    }

    /** Spends a recovery code: true for exactly one caller, false if unknown or used. */
    boolean useRecoveryCode(String userId, String codeHash) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(recoveryKey(userId, codeHash))
                    .updateExpression("SET used = :yes")
                    .conditionExpression("used = :no")
                    .expressionAttributeValues(Map.of(":yes", YES, ":no", NO)));
            return true;
        } catch (ConditionalCheckFailedException unknownOrUsed) {
            return false;
        }
    }

    /** Deletes every recovery code of the user (a Query on the user's partition, never a Scan). */
    void deleteRecoveryCodes(String userId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table())
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :recovery)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(userPk(userId)),
                            ":recovery", AttributeValue.fromS(RECOVERY)))
                    .projectionExpression("pk, sk")
                    .exclusiveStartKey(exclusiveStart));
            keys.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        keys.forEach(key -> dynamo.deleteItem(d -> d.tableName(table()).key(key)));
    }

    void putMfaToken(String tokenHash, String userId, String email, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(mfaTokenKey(tokenHash));
        item.put("userId", AttributeValue.fromS(userId));
        item.put("email", AttributeValue.fromS(email));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())));
        item.put(AuthTables.PURGE_AT, AuthTables.purgeAt(expiresAt));
        item.put("used", NO);
        dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** The token's user id and email while it is unused and unexpired. */
    Optional<PendingLogin> findMfaToken(String tokenHash, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(mfaTokenKey(tokenHash))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || Boolean.TRUE.equals(item.get("used").bool())
                || Long.parseLong(item.get("expiresAt").n()) <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.of(new PendingLogin(tokenHash, item.get("userId").s(), item.get("email").s()));
    }

    /** Spends the token: exactly one of racing callers gets true, and only before it expires. */
    boolean spendMfaToken(String tokenHash, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(mfaTokenKey(tokenHash))
                    .updateExpression("SET used = :yes")
                    .conditionExpression("used = :no AND expiresAt > :now")
                    .expressionAttributeValues(Map.of(":yes", YES, ":no", NO,
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException spentOrExpired) {
            return false;
        }
    }

    private static String userPk(String userId) {
        return "MFA#" + userId;
    }

    private static Map<String, AttributeValue> totpKey(String userId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(userPk(userId)), TableSpec.SK, AttributeValue.fromS(TOTP));
    }

    private static Map<String, AttributeValue> recoveryKey(String userId, String codeHash) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(userPk(userId)),
                TableSpec.SK, AttributeValue.fromS(RECOVERY + codeHash));
    }

    private static Map<String, AttributeValue> mfaTokenKey(String tokenHash) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(MFA_TOKEN + "#" + tokenHash),
                TableSpec.SK, AttributeValue.fromS(MFA_TOKEN));
    }

    private String table() {
        return config.prefixed(AuthTables.MAIN);
    }
}
