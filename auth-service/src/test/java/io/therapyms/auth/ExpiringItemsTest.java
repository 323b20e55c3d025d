package io.therapyms.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.auth.config.AuthTables;
import io.therapyms.auth.config.SecretDigests;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items that are worthless once expired carry the auth table's TTL attribute, set to their expiry (rounded up to the
 * second), so the store deletes them; items that must stay carry none. dynalite has no TTL, so this reads what is
 * stored rather than waiting for a deletion.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ExpiringItemsTest {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig platform;

    @Inject
    Instance<TableSpec> tables;

    @Test
    void theAuthTableDeclaresItsTtlAttribute() {
        assertThat(tables.stream().filter(t -> t.name().equals(AuthTables.MAIN)).findFirst().orElseThrow().ttlAttribute())
                .contains(AuthTables.PURGE_AT);
    }

    @Test
    void aRefreshTokenIsPurgedWhenItExpiresAndItsSessionIsNot() {
        AuthApi.Tokens tokens = AuthApi.loginOk(AuthApi.newUser("client"));
        Map<String, AttributeValue> refresh = item("REFRESH#" + SecretDigests.sha256Hex(tokens.refreshToken()), "REFRESH");
        Instant expiresAt = Instant.parse(refresh.get("expiresAt").s());
        assertThat(purgeAt(refresh)).isEqualTo(roundedUp(expiresAt));
        assertThat(expiresAt).isAfter(Instant.now());

        Map<String, AttributeValue> session = item("SESSION#" + refresh.get("sessionId").s(), "SESSION");
        assertThat(session).as("the session item").isNotEmpty().doesNotContainKey(AuthTables.PURGE_AT);
    }

    @Test
    void anMfaTokenIsPurgedFiveMinutesAfterItIsIssued() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("therapist");
        Instant before = Instant.now();
        String mfaToken = MfaApi.mfaToken(enrolled.user());
        Map<String, AttributeValue> item = item("MFATOKEN#" + SecretDigests.sha256Hex(mfaToken), "MFATOKEN");
        long expiresAtMillis = Long.parseLong(item.get("expiresAt").n());
        assertThat(purgeAt(item)).isEqualTo(roundedUp(Instant.ofEpochMilli(expiresAtMillis)))
                .isBetween(before.plus(Duration.ofMinutes(5)).getEpochSecond(),
                        Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + 1);
    }

    @Test
    void aPasskeyChallengeIsPurgedWhenItExpires() {
        Instant before = Instant.now();
        String challenge = PasskeyApi.loginChallenge();
        Map<String, AttributeValue> item = item("WEBAUTHN#" + SecretDigests.sha256Hex(challenge), "CHALLENGE");
        assertThat(purgeAt(item)).isEqualTo(roundedUp(Instant.ofEpochMilli(Long.parseLong(item.get("expiresAt").n()))))
                .isBetween(before.plus(Duration.ofMinutes(5)).getEpochSecond(),
                        Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + 1);
    }

    @Test
    void theValueIsNeverBeforeTheExpiry() {
        assertThat(AuthTables.purgeAt(Instant.parse("2026-12-06T10:00:00Z")).n()).isEqualTo("1796551200");
        assertThat(AuthTables.purgeAt(Instant.parse("2026-12-06T10:00:00.001Z")).n()).isEqualTo("1796551201");
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(platform.prefixed(AuthTables.MAIN))
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))).consistentRead(true)).item();
        assertThat(item).as(pk).isNotEmpty();
        return item;
    }

    private static long purgeAt(Map<String, AttributeValue> item) {
        assertThat(item).containsKey(AuthTables.PURGE_AT);
        return Long.parseLong(item.get(AuthTables.PURGE_AT).n());
    }

    /** The stored value for an expiry; theValueIsNeverBeforeTheExpiry pins its rounding. */
    private static long roundedUp(Instant instant) {
        return Long.parseLong(AuthTables.purgeAt(instant).n());
    }
}
