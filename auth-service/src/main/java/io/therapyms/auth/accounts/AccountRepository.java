package io.therapyms.auth.accounts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.auth.config.AuthTables;
import io.therapyms.events.identity.SessionsRevoked;
import io.therapyms.events.identity.UserDeactivated;
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.security.Role;
import io.therapyms.platform.time.InstantText;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Accounts in the auth table.
 * <pre>
 * pk = ACCOUNT#&lt;email lower-cased&gt;  sk = ACCOUNT   gsi1pk = USER#&lt;userId&gt;  gsi1sk = ACCOUNT
 * </pre>
 * Keying by the normalised email makes "one account per email" a conditional put.
 */
@Singleton
public class AccountRepository {

    static final String SK = "ACCOUNT";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    /** Creates the account and records UserRegistered with it; false if the email is taken. */
    public boolean create(Account account) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, AttributeValue.fromS(pk(account.email())));
        item.put(TableSpec.SK, AttributeValue.fromS(SK));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS(userKey(account.userId())));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS(SK));
        item.put("userId", AttributeValue.fromS(account.userId()));
        item.put("email", AttributeValue.fromS(account.email()));
        item.put("name", AttributeValue.fromS(account.name()));
        item.put("role", AttributeValue.fromS(account.role().claimName()));
        item.put("passwordHash", AttributeValue.fromS(account.passwordHash()));
        item.put("active", AttributeValue.fromBool(true));
        item.put("createdAt", AttributeValue.fromS(account.createdAt().toString()));
        item.put("passwordChangedAt", AttributeValue.fromS(account.passwordChangedAt().toString()));
        item.put("version", AttributeValue.fromN("1"));
        try {
            dynamo.putItem(p -> p.tableName(table())
                    .item(outbox.withEvents(item, new UserRegistered(account.userId(), account.role().claimName(),
                            account.email(), account.name())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException emailTaken) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    public Optional<Account> findByEmail(String normalizedEmail) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(key(normalizedEmail)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toAccount(item));
    }

    /** By user id through the gsi1 index, then a consistent read of the account item. */
    public Optional<Account> findById(String userId) {
        List<Map<String, AttributeValue>> found = dynamo.query(q -> q.tableName(table())
                .indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :user AND gsi1sk = :account")
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userKey(userId)),
                        ":account", AttributeValue.fromS(SK)))
                .limit(1)).items();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return findByEmail(found.get(0).get("email").s());
    }

    /** Sets a new password hash if nobody changed the account meanwhile; records SessionsRevoked. */
    public boolean changePassword(Account account, String newHash, Instant changedAt) {
        StagedEvents staged = outbox.stage(new SessionsRevoked(account.userId(), changedAt));
        Map<String, String> names = new HashMap<>(staged.names());
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":hash", AttributeValue.fromS(newHash));
        values.put(":changedAt", AttributeValue.fromS(changedAt.toString()));
        values.put(":version", AttributeValue.fromN(Long.toString(account.version())));
        values.put(":one", AttributeValue.fromN("1"));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(account.email()))
                    .updateExpression("SET passwordHash = :hash, passwordChangedAt = :changedAt, version = version + :one, "
                            + staged.setClause())
                    // optimistic lock: a concurrent change or deactivation wins, this one is retried by the caller
                    .conditionExpression("version = :version")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** Marks the account deactivated and records UserDeactivated; false if it already was. */
    public boolean deactivate(Account account) {
        StagedEvents staged = outbox.stage(new UserDeactivated(account.userId()));
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":inactive", AttributeValue.fromBool(false));
        values.put(":active", AttributeValue.fromBool(true));
        values.put(":one", AttributeValue.fromN("1"));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(account.email()))
                    .updateExpression("SET active = :inactive, version = version + :one, " + staged.setClause())
                    .conditionExpression("active = :active")
                    .expressionAttributeNames(staged.names())
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException alreadyDeactivated) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    private static Account toAccount(Map<String, AttributeValue> item) {
        return new Account(item.get("userId").s(), item.get("email").s(), item.get("name").s(),
                Role.fromClaim(item.get("role").s()).orElseThrow(), item.get("passwordHash").s(),
                Boolean.TRUE.equals(item.get("active").bool()), InstantText.parse(item.get("createdAt").s()),
                InstantText.parse(item.get("passwordChangedAt").s()), Long.parseLong(item.get("version").n()));
    }

    static Map<String, AttributeValue> key(String normalizedEmail) {
        return Map.of(TableSpec.PK, AttributeValue.fromS(pk(normalizedEmail)), TableSpec.SK, AttributeValue.fromS(SK));
    }

    private static String pk(String normalizedEmail) {
        return "ACCOUNT#" + normalizedEmail;
    }

    private static String userKey(String userId) {
        return "USER#" + userId;
    }

    private String table() {
        return config.prefixed(AuthTables.MAIN);
    }
}
