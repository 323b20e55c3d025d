package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** Uses a running ./run stack if there is one, otherwise the pair this test JVM starts: both must work. */
class DevStackResourceTest {

    @Test
    void givesEachApplicationFreshNamesOnSharedInfrastructure() throws Exception {
        DevStackResource first = new DevStackResource();
        DevStackResource second = new DevStackResource();

        Map<String, String> firstConfig = first.start();
        Map<String, String> secondConfig = second.start();
        try {
            assertThat(firstConfig.get("tms.resource-prefix")).matches("t[0-9a-f]{8}_")
                    .isNotEqualTo(secondConfig.get("tms.resource-prefix"));
            assertThat(firstConfig.get("quarkus.dynamodb.endpoint-override"))
                    .isEqualTo(secondConfig.get("quarkus.dynamodb.endpoint-override"))
                    .isEqualTo(DevStackResource.dynamoEndpoint());
            assertThat(firstConfig.get("kafka.bootstrap.servers"))
                    .isEqualTo(secondConfig.get("kafka.bootstrap.servers"))
                    .isEqualTo(DevStackResource.kafkaBootstrap());
            assertThat(Dynalite.answers(DevStackResource.dynamoEndpoint())).isTrue();
            try (Admin admin = KafkaAdmins.open(DevStackResource.kafkaBootstrap(), Duration.ofSeconds(10))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .containsAll(TopicAdmin.topicNames(firstConfig.get("tms.resource-prefix")))
                        .containsAll(TopicAdmin.topicNames(secondConfig.get("tms.resource-prefix")));
            }
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void pointsTheApplicationAtTheTestKeysAndIssuer() {
        DevStackResource resource = new DevStackResource();

        Map<String, String> config = resource.start();
        resource.stop();

        assertThat(config)
                .containsEntry("mp.jwt.verify.publickey.location", "classpath:test-keys/jwt-test-public.pem")
                .containsEntry("smallrye.jwt.sign.key.location", "classpath:test-keys/jwt-test-private.pem")
                .containsEntry("mp.jwt.verify.issuer", "https://therapyms.local/auth")
                .containsEntry("mp.jwt.verify.audiences", "therapyms")
                .containsEntry("quarkus.devservices.enabled", "false");
    }

    @Test
    void cleansUpWhatItCreatedOnABorrowedStack() throws Exception {
        // Start the JVM's own pair first, then borrow it as if it were a developer's ./run stack.
        Infrastructure own = Infrastructure.get();
        String prefix = DevStackResource.newPrefix();
        TopicAdmin.createTopics(own.kafkaBootstrap(), prefix);
        new DynamoHttp(own.dynamoEndpoint()).call("CreateTable", Map.of(
                "TableName", prefix + "patients",
                "AttributeDefinitions", java.util.List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "KeySchema", java.util.List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST"));

        own.deleteResources(prefix);

        assertThat(new DynamoHttp(own.dynamoEndpoint()).listTables()).noneMatch(table -> table.startsWith(prefix));
        try (Admin admin = KafkaAdmins.open(own.kafkaBootstrap(), Duration.ofSeconds(10))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).noneMatch(topic -> topic.startsWith(prefix));
        }
    }
}
