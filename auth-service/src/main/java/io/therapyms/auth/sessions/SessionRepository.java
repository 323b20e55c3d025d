package io.therapyms.auth.sessions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.auth.config.AuthTables;
import io.therapyms.events.identity.TokenRevoked;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Sessions (refresh-token families) and refresh tokens in the auth table.
 * <pre>
 * session:        pk = SESSION#&lt;sessionId&gt;  sk = SESSION  gsi1pk = USER#&lt;userId&gt;  gsi1sk = SESSION#&lt;sessionId&gt;
 * refresh token:  pk = REFRESH#&lt;sha256(token)&gt;  sk = REFRESH  sessionId, userId, spent, expiresAt, purgeAt (TTL)
 * </pre>
 */
@Singleton
class SessionRepository {

    private static final String SESSION = "SESSION";
    private static final String REFRESH = "REFRESH";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    void create(Session session) {
        Map<String, AttributeValue> item = new HashMap<>(sessionKey(session.sessionId()));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS("USER#" + session.userId()));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS(SESSION + "#" + session.sessionId()));
        item.put("userId", AttributeValue.fromS(session.userId()));
        item.put("accountEmail", AttributeValue.fromS(session.accountEmail()));
        item.put("expiresAt", AttributeValue.fromS(session.expiresAt().toString()));
        item.put("revoked", AttributeValue.fromBool(false));
        item.put("lastAccessJti", AttributeValue.fromS(session.lastAccessJti()));
        item.put("lastAccessExpiresAt", AttributeValue.fromS(session.lastAccessExpiresAt().toString()));
        dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    Optional<Session> findSession(String sessionId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(sessionKey(sessionId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Session(sessionId, item.get("userId").s(), item.get("accountEmail").s(),
                InstantText.parse(item.get("expiresAt").s()), Boolean.TRUE.equals(item.get("revoked").bool()),
                item.get("lastAccessJti").s(), InstantText.parse(item.get("lastAccessExpiresAt").s())));
    }

    /** The ids of the user's sessions that are not revoked yet (a Query on gsi1, never a Scan). */
    List<String> activeSessionIds(String userId) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table()).indexName(TableSpec.GSI1)
                    .keyConditionExpression("gsi1pk = :user AND begins_with(gsi1sk, :session)")
                    .filterExpression("revoked = :no")
                    .expressionAttributeValues(Map.of(":user", AttributeValue.fromS("USER#" + userId),
                            ":session", AttributeValue.fromS(SESSION + "#"), ":no", AttributeValue.fromBool(false)))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(i -> ids.add(i.get(TableSpec.PK).s().substring(SESSION.length() + 1)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    /** Records the newest access token of a live session; false if the session was revoked meanwhile. */
    boolean recordAccessToken(String sessionId, String jti, Instant expiresAt) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(sessionKey(sessionId))
                    .updateExpression("SET lastAccessJti = :jti, lastAccessExpiresAt = :exp")
                    .conditionExpression("revoked = :no")
                    .expressionAttributeValues(Map.of(":jti", AttributeValue.fromS(jti),
                            ":exp", AttributeValue.fromS(expiresAt.toString()), ":no", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException revoked) {
            return false;
        }
    }

    /**
     * Revokes the session and records TokenRevoked for the access token that must stop working with it
     * (the one presented at logout, else the newest one issued). A session revoked already stays as it is.
     */
    void revoke(Session session, String accessJti, Instant accessExpiresAt) {
        StagedEvents staged = outbox.stage(new TokenRevoked(session.userId(), accessJti, accessExpiresAt));
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":yes", AttributeValue.fromBool(true));
        values.put(":no", AttributeValue.fromBool(false));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(sessionKey(session.sessionId()))
                    .updateExpression("SET revoked = :yes, " + staged.setClause())
                    .conditionExpression("revoked = :no")
                    .expressionAttributeNames(staged.names())
                    .expressionAttributeValues(values));
            outbox.flushSoon();
        } catch (ConditionalCheckFailedException alreadyRevoked) {
            // nothing to do: its tokens were revoked when it was
        }
    }

    /**
     * Revokes the session and its newest access token after a refresh-token reuse. The jti is the
     * one on the item at the moment of the write (the condition checks it), not the one of an
     * earlier read: a racing winner may have recorded a newer access token since.
     */
    void revokeFamily(Session session) {
        Session current = session;
        while (true) {
            StagedEvents staged = outbox.stage(new TokenRevoked(current.userId(), current.lastAccessJti(), current.lastAccessExpiresAt()));
            Map<String, AttributeValue> values = new HashMap<>(staged.values());
            values.put(":yes", AttributeValue.fromBool(true));
            values.put(":no", AttributeValue.fromBool(false));
            values.put(":jti", AttributeValue.fromS(current.lastAccessJti()));
            try {
                dynamo.updateItem(u -> u.tableName(table()).key(sessionKey(session.sessionId()))
                        .updateExpression("SET revoked = :yes, " + staged.setClause())
                        .conditionExpression("revoked = :no AND lastAccessJti = :jti")
                        .expressionAttributeNames(staged.names())
                        .expressionAttributeValues(values));
                outbox.flushSoon();
                return;
            } catch (ConditionalCheckFailedException changed) {
                // revoked by someone else (nothing left to do) or a newer access token was recorded
                Optional<Session> fresh = findSession(session.sessionId());
                if (fresh.isEmpty() || fresh.get().revoked()) {
                    return;
                }
                current = fresh.get();
            }
        }
    }

    /** Publishes TokenRevoked for an access token issued in a session that was revoked meanwhile. */
    void revokeAccessTokenOfRevokedSession(Session session, String accessJti, Instant accessExpiresAt) {
        StagedEvents staged = outbox.stage(new TokenRevoked(session.userId(), accessJti, accessExpiresAt));
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":yes", AttributeValue.fromBool(true));
        dynamo.updateItem(u -> u.tableName(table()).key(sessionKey(session.sessionId()))
                .updateExpression("SET " + staged.setClause())
                .conditionExpression("revoked = :yes")
                .expressionAttributeNames(staged.names())
                .expressionAttributeValues(values));
        outbox.flushSoon();
    }

    void createRefreshToken(RefreshToken token) {
        Map<String, AttributeValue> item = new HashMap<>(refreshKey(token.tokenHash()));
        item.put("sessionId", AttributeValue.fromS(token.sessionId()));
        item.put("userId", AttributeValue.fromS(token.userId()));
        item.put("spent", AttributeValue.fromBool(false));
        item.put("expiresAt", AttributeValue.fromS(token.expiresAt().toString()));
        item.put(AuthTables.PURGE_AT, AuthTables.purgeAt(token.expiresAt()));
        dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    Optional<RefreshToken> findRefreshToken(String tokenHash) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(refreshKey(tokenHash))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RefreshToken(tokenHash, item.get("sessionId").s(), item.get("userId").s(),
                Boolean.TRUE.equals(item.get("spent").bool()), InstantText.parse(item.get("expiresAt").s())));
    }

    /**
     * Spends a refresh token. Exactly one of any number of concurrent callers gets true: the
     * condition on {@code spent} is what detects reuse, also when two refreshes race.
     */
    boolean spend(String tokenHash) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(refreshKey(tokenHash))
                    .updateExpression("SET spent = :yes")
                    .conditionExpression("spent = :no")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":no", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException alreadySpent) {
            return false;
        }
    }

    private static Map<String, AttributeValue> sessionKey(String sessionId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(SESSION + "#" + sessionId), TableSpec.SK, AttributeValue.fromS(SESSION));
    }

    private static Map<String, AttributeValue> refreshKey(String tokenHash) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(REFRESH + "#" + tokenHash), TableSpec.SK, AttributeValue.fromS(REFRESH));
    }

    private String table() {
        return config.prefixed(AuthTables.MAIN);
    }
}
