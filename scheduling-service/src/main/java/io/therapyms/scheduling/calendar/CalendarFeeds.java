package io.therapyms.scheduling.calendar;

import static io.therapyms.platform.dynamo.Attrs.bool;
import static io.therapyms.platform.dynamo.Attrs.flag;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.time.InstantText;
import io.therapyms.scheduling.config.SchedulingTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The users' secret calendar feeds. Only the SHA-256 of a token is stored; the token itself exists only in
 * the URL handed to its owner once.
 * <pre>feed:  pk = CALFEED#userId    sk = CALFEED   tokenHash, role (client|therapist), includeNames, createdAt
 * token: pk = CALTOKEN#tokenHash sk = CALTOKEN  userId</pre>
 * The feed item is the authority: a token is valid only while its user's feed item holds its hash, so a
 * replaced or revoked token stops working with that one conditional write, and a token item left behind
 * by a crash between the writes opens nothing.
 */
@Singleton
public class CalendarFeeds {

    /** A user's feed as stored. */
    public record Feed(String userId, String role, boolean includeNames, Instant createdAt, String tokenHash) {
    }

    /** 32 random bytes, base64url without padding. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 5;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public Optional<Feed> of(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(feedKey(userId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Feed(userId, str(item, "role"), flag(item, "includeNames"),
                InstantText.parse(str(item, "createdAt")), str(item, "tokenHash")));
    }

    /**
     * A new token for the user, replacing any earlier one: the feed item moves from the hash read to the new
     * one (conditional), so of two racing creations exactly one URL stays valid.
     */
    public String create(String userId, String role, boolean includeNames, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Feed> before = of(userId);
            String token = newToken();
            String tokenHash = hash(token);
            dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s("CALTOKEN#" + tokenHash),
                    TableSpec.SK, s("CALTOKEN"), "userId", s(userId))).conditionExpression("attribute_not_exists(pk)"));
            Map<String, AttributeValue> item = new HashMap<>(feedKey(userId));
            item.put("userId", s(userId));
            item.put("role", s(role));
            item.put("includeNames", bool(includeNames));
            item.put("createdAt", s(now.toString()));
            item.put("tokenHash", s(tokenHash));
            try {
                if (before.isPresent()) {
                    dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("tokenHash = :old")
                            .expressionAttributeValues(Map.of(":old", s(before.get().tokenHash()))));
                } else {
                    dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
                }
            } catch (ConditionalCheckFailedException raced) {
                deleteToken(tokenHash);
                continue;
            }
            before.ifPresent(old -> deleteToken(old.tokenHash()));
            return token;
        }
        throw new ConflictException("The calendar feed is being changed at the same time; try again.");
    }

    /** Revokes the user's feed; false when there was none. */
    public boolean delete(String userId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Feed> feed = of(userId);
            if (feed.isEmpty()) {
                return false;
            }
            try {
                dynamo.deleteItem(d -> d.tableName(table()).key(feedKey(userId)).conditionExpression("tokenHash = :h")
                        .expressionAttributeValues(Map.of(":h", s(feed.get().tokenHash()))));
            } catch (ConditionalCheckFailedException replaced) {
                continue;
            }
            deleteToken(feed.get().tokenHash());
            return true;
        }
        throw new ConflictException("The calendar feed is being changed at the same time; try again.");
    }

    /** The feed a token opens: only the current token of an existing feed does. */
    public Optional<Feed> byToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(Map.of(TableSpec.PK, s("CALTOKEN#" + tokenHash), TableSpec.SK, s("CALTOKEN")))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return of(str(item, "userId")).filter(feed -> MessageDigest.isEqual(
                feed.tokenHash().getBytes(StandardCharsets.US_ASCII), tokenHash.getBytes(StandardCharsets.US_ASCII)));
    }

    private void deleteToken(String tokenHash) {
        dynamo.deleteItem(d -> d.tableName(table())
                .key(Map.of(TableSpec.PK, s("CALTOKEN#" + tokenHash), TableSpec.SK, s("CALTOKEN"))));
    }

    private static Map<String, AttributeValue> feedKey(String userId) {
        return Map.of(TableSpec.PK, s("CALFEED#" + userId), TableSpec.SK, s("CALFEED"));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
