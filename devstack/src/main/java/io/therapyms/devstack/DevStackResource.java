package io.therapyms.devstack;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The infrastructure of every module's {@code @QuarkusTest}: {@code @QuarkusTestResource(DevStackResource.class)}.
 *
 * <p>Reuses a running local stack ({@code ./run} or {@code ./run --infra-only}) when dynalite answers on
 * 127.0.0.1:8000 and Kafka on 127.0.0.1:9092 (or at {@code DEVSTACK_DYNAMODB_ENDPOINT} /
 * {@code DEVSTACK_KAFKA_BOOTSTRAP}, also settable as {@code -Ddevstack.dynamodb.endpoint} /
 * {@code -Ddevstack.kafka.bootstrap}); otherwise starts an in-memory dynalite and a Kafka broker once for the test
 * JVM. Each start hands the application a fresh random {@code tms.resource-prefix}, so its tables and topics are new
 * and no test sees another's data.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {

    private static final SecureRandom RANDOM = new SecureRandom();

    private String prefix;

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.get();
        prefix = newPrefix();
        TopicAdmin.createTopics(infrastructure.kafkaBootstrap(), prefix);
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.endpoint-override", infrastructure.dynamoEndpoint()),
                // dynalite accepts any credentials; fixed ones keep tests away from the developer's real AWS profile.
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test"),
                Map.entry("kafka.bootstrap.servers", infrastructure.kafkaBootstrap()),
                // Dev Services would pull container images, and there is no registry here.
                Map.entry("quarkus.devservices.enabled", "false"),
                Map.entry("tms.resource-prefix", prefix),
                Map.entry("mp.jwt.verify.publickey.location", TestTokens.PUBLIC_KEY_LOCATION),
                Map.entry("smallrye.jwt.sign.key.location", TestTokens.PRIVATE_KEY_LOCATION),
                // Where the application configures no key, quarkus-smallrye-jwt generates an in-memory pair for
                // tests before this resource starts, and an inline key wins over a location. NONE is smallrye-jwt's
                // "not set" (an empty value fails the injection instead).
                Map.entry("mp.jwt.verify.publickey", "NONE"),
                Map.entry("smallrye.jwt.sign.key", "NONE"),
                Map.entry("mp.jwt.verify.issuer", TestTokens.ISSUER),
                Map.entry("mp.jwt.verify.audiences", TestTokens.AUDIENCE));
    }

    /**
     * Infrastructure started for this JVM goes away with it. On a borrowed long-running stack, the application's
     * tables and topics are deleted, so test runs do not pile up in the developer's data.
     */
    @Override
    public void stop() {
        if (prefix == null) {
            return; // start() failed; its error is the one to report
        }
        Infrastructure infrastructure = Infrastructure.get();
        if (infrastructure.borrowed()) {
            infrastructure.deleteResources(prefix);
        }
    }

    /** The DynamoDB endpoint the tests use, for tests that need a raw client. */
    public static String dynamoEndpoint() {
        return Infrastructure.get().dynamoEndpoint();
    }

    /** The Kafka bootstrap servers the tests use, for tests that need a raw producer or consumer. */
    public static String kafkaBootstrap() {
        return Infrastructure.get().kafkaBootstrap();
    }

    /** {@code t<8 hex>_}: starts with a letter and uses only characters valid in table and topic names. */
    static String newPrefix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "t" + HexFormat.of().formatHex(bytes) + "_";
    }
}
