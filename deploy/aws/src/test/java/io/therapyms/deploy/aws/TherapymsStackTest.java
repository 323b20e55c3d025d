package io.therapyms.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.events.Topics;
import io.therapyms.events.Topics.TopicSpec;
import io.therapyms.platform.dynamo.TableBootstrap;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** Synthesises the stack offline (jsii runs the CDK in Node) and compares it with the services' own tables. */
class TherapymsStackTest {

    private static final String PREFIX = "staging-";
    private static Map<String, Map<String, Object>> tablesByName;
    private static Template template;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void synthesise() {
        App app = new App();
        TherapymsStack stack = new TherapymsStack(app, "therapyms-test", StackProps.builder().build(), PREFIX);
        template = Template.fromStack(stack);
        tablesByName = new HashMap<>();
        template.findResources("AWS::DynamoDB::Table").values().forEach(resource -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            tablesByName.put((String) properties.get("TableName"), (Map<String, Object>) resource);
        });
    }

    private static List<TableSpec> declared() {
        List<TableSpec> specs = new ArrayList<>();
        DeclaredTables.byService().values().forEach(specs::addAll);
        return specs;
    }

    @Test
    void every_table_a_service_creates_is_declared_and_nothing_else() {
        List<String> expected = declared().stream().map(spec -> PREFIX + spec.name()).toList();
        // A guard against reading nothing: the services' main tables and one processed-events table per service.
        assertThat(expected).contains(PREFIX + "therapists", PREFIX + "auth-service-processed-events")
                .hasSizeGreaterThanOrEqualTo(14);
        assertThat(tablesByName.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void keys_and_indexes_equal_the_create_table_request_sent_at_start_up() {
        for (TableSpec spec : declared()) {
            CreateTableRequest request = TableBootstrap.createRequest(spec, PREFIX + spec.name());
            Map<String, Object> properties = (Map<String, Object>) tablesByName.get(request.tableName()).get("Properties");
            assertThat(properties.get("BillingMode")).isEqualTo(request.billingModeAsString());
            assertThat(keys((List<Map<String, Object>>) properties.get("KeySchema")))
                    .as(request.tableName()).isEqualTo(request.keySchema().stream()
                            .map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
            assertThat((List<Map<String, Object>>) properties.get("AttributeDefinitions"))
                    .extracting(a -> a.get("AttributeName") + ":" + a.get("AttributeType"))
                    .containsExactlyElementsOf(request.attributeDefinitions().stream()
                            .map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).toList());
            List<Map<String, Object>> indexes = (List<Map<String, Object>>) properties.get("GlobalSecondaryIndexes");
            List<String> declaredIndexes = request.globalSecondaryIndexes().stream()
                    .map(i -> i.indexName() + "=" + i.keySchema().stream()
                            .map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList()
                            + "/" + i.projection().projectionTypeAsString())
                    .toList();
            List<String> synthesised = indexes == null ? List.of() : indexes.stream()
                    .map(i -> i.get("IndexName") + "=" + keys((List<Map<String, Object>>) i.get("KeySchema")) + "/"
                            + ((Map<String, Object>) i.get("Projection")).get("ProjectionType"))
                    .toList();
            assertThat(synthesised).as(request.tableName()).containsExactlyElementsOf(declaredIndexes);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_table_is_recoverable_encrypted_retained_and_expires_what_the_service_expires() {
        for (TableSpec spec : declared()) {
            Map<String, Object> resource = tablesByName.get(PREFIX + spec.name());
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            assertThat(resource.get("DeletionPolicy")).as(spec.name()).isEqualTo("Retain");
            assertThat((Map<String, Object>) properties.get("PointInTimeRecoverySpecification"))
                    .containsEntry("PointInTimeRecoveryEnabled", true);
            assertThat((Map<String, Object>) properties.get("SSESpecification"))
                    .containsEntry("SSEEnabled", true).containsEntry("SSEType", "KMS");
            Map<String, Object> ttl = (Map<String, Object>) properties.get("TimeToLiveSpecification");
            if (spec.ttlAttribute().isPresent()) {
                assertThat(ttl).as(spec.name()).containsEntry("AttributeName", spec.ttlAttribute().get())
                        .containsEntry("Enabled", true);
            } else {
                assertThat(ttl).as(spec.name()).isNull();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_kafka_configuration_keeps_topics_for_a_replay() {
        Map<String, Map<String, Object>> configurations = template.findResources("AWS::MSK::Configuration");
        assertThat(configurations).hasSize(1);
        Map<String, Object> properties = (Map<String, Object>) configurations.values().iterator().next().get("Properties");
        assertThat((String) properties.get("ServerProperties")).contains("log.retention.ms=-1", "num.partitions=3",
                "auto.create.topics.enable=true");
        assertThat(template.findOutputs("DomainTopics").toString()).contains(PREFIX + "scheduling.events",
                PREFIX + "scheduling.events.dlq");
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_topic_of_the_definition_is_a_retained_msk_topic_on_the_given_cluster() throws Exception {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        template.findResources("AWS::MSK::Topic").values().forEach(resource -> byName.put(
                (String) ((Map<String, Object>) resource.get("Properties")).get("TopicName"), resource));
        // A guard against an empty definition: six domain topics and their dead-letter topics.
        assertThat(Topics.specs()).hasSize(12);
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.specs().stream().map(spec -> PREFIX + spec.name()).toList());
        for (TopicSpec spec : Topics.specs()) {
            Map<String, Object> resource = byName.get(PREFIX + spec.name());
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            assertThat(properties.get("PartitionCount")).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(properties.get("ReplicationFactor")).isEqualTo(3);
            assertThat(properties.get("ClusterArn")).isEqualTo(Map.of("Ref", "KafkaClusterArn"));
            Map<String, String> configs = new ObjectMapper().readValue(
                    Base64.getDecoder().decode((String) properties.get("Configs")), new TypeReference<>() { });
            assertThat(configs).as(spec.name()).isEqualTo(spec.configs()).containsEntry("retention.ms", "-1");
            // Without a cluster ARN the template creates no topic (the brokers create them on first use).
            assertThat(resource.get("Condition")).isEqualTo("CreateKafkaTopics");
            assertThat(resource.get("DeletionPolicy")).isEqualTo("Retain");
        }
        assertThat(template.findConditions("CreateKafkaTopics")).hasSize(1);
    }

    private static List<String> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList();
    }
}
