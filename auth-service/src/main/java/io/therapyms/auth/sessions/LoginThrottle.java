package io.therapyms.auth.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.therapyms.auth.config.AuthConfig;
import io.therapyms.auth.config.AuthTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.errors.TooManyRequestsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Failed logins per email, existing or not: after {@code maxFailures} within the window that
 * started at the first failure, every login for that email is refused until the window ends.
 * Wrong second-factor codes are counted the same way per user, under the subject
 * {@code MFA#<userId>} (upper case, so it never equals a normalised email).
 * <pre>
 * pk = THROTTLE#&lt;email or MFA#userId&gt;  sk = THROTTLE  windowStart (epoch ms)  failures
 * </pre>
 * Counted in the store, not in memory, so it holds across instances and restarts. The meters
 * {@code tms.auth.login.failures} and {@code tms.auth.login.throttled} count per instance (no email in any tag).
 */
@Singleton
public class LoginThrottle {

    private static final String SK = "THROTTLE";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig platform;

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** 429 with the time left when the email is locked out. */
    void requireNotLocked(String email) {
        requireNotLocked(email, "Too many failed logins for this email; try again later.");
    }

    /** 429 with the time left when the user's second-factor codes are locked out. */
    public void requireSecondFactorNotLocked(String userId) {
        requireNotLocked(secondFactorSubject(userId), "Too many wrong codes; try again later.");
    }

    public void recordSecondFactorFailure(String userId) {
        recordFailure(secondFactorSubject(userId));
    }

    private static String secondFactorSubject(String userId) {
        return "MFA#" + userId;
    }

    private void requireNotLocked(String email, String message) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(email)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return;
        }
        Instant windowEnd = Instant.ofEpochMilli(Long.parseLong(item.get("windowStart").n())).plus(config.throttle().window());
        int failures = Integer.parseInt(item.get("failures").n());
        Instant now = clock.instant();
        if (failures >= config.throttle().maxFailures() && now.isBefore(windowEnd)) {
            registry.counter("tms.auth.login.throttled").increment();
            throw new TooManyRequestsException(message, Duration.between(now, windowEnd));
        }
    }

    void recordFailure(String email) {
        registry.counter("tms.auth.login.failures").increment();
        for (int attempt = 0; attempt < 5; attempt++) {
            long now = clock.millis();
            Map<String, AttributeValue> values = Map.of(
                    ":cutoff", AttributeValue.fromN(Long.toString(now - config.throttle().window().toMillis())),
                    ":one", AttributeValue.fromN("1"));
            try {
                // Within the current window: count one more (atomic, so concurrent failures all count).
                dynamo.updateItem(u -> u.tableName(table()).key(key(email))
                        .updateExpression("SET failures = failures + :one")
                        .conditionExpression("windowStart > :cutoff")
                        .expressionAttributeValues(values));
                return;
            } catch (ConditionalCheckFailedException noCurrentWindow) {
                // fall through: start a window
            }
            try {
                dynamo.updateItem(u -> u.tableName(table()).key(key(email))
                        .updateExpression("SET windowStart = :now, failures = :one")
                        .conditionExpression("attribute_not_exists(pk) OR windowStart <= :cutoff")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)),
                                ":one", values.get(":one"), ":cutoff", values.get(":cutoff"))));
                return;
            } catch (ConditionalCheckFailedException someoneStartedOne) {
                // another failure started the window first: count into it on the next pass
            }
        }
    }

    private static Map<String, AttributeValue> key(String email) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("THROTTLE#" + email), TableSpec.SK, AttributeValue.fromS(SK));
    }

    private String table() {
        return platform.prefixed(AuthTables.MAIN);
    }
}
