package io.therapyms.deploy.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.therapyms.events.Topics;
import io.therapyms.events.Topics.TopicSpec;
import io.therapyms.platform.dynamo.TableBootstrap;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.msk.CfnConfiguration;
import software.amazon.awscdk.services.msk.CfnTopic;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.constructs.Construct;

/**
 * The system's AWS resources: one DynamoDB table per declared {@link TableSpec} (the same CreateTable request the
 * services send at start-up, plus what production needs and a local store does not: point-in-time recovery,
 * encryption with a KMS key, TTL, retention on stack deletion), the Kafka topics of {@link Topics#specs()} on an
 * Amazon MSK cluster, and the broker settings of an MSK configuration. The services still create a missing table
 * themselves; with this stack deployed first they find every table and topic there.
 */
public class TherapymsStack extends Stack {

    /**
     * The broker settings the services rely on: topics are created on first use with three partitions (the
     * local broker's settings, devstack/containers/kafka/server.properties), and kept for ever so that
     * analytics-service can rebuild its read models by a replay from the earliest offsets (its README).
     */
    static final String MSK_SERVER_PROPERTIES = String.join("\n",
            "auto.create.topics.enable=true",
            "num.partitions=" + Topics.PARTITIONS,
            "default.replication.factor=3",
            "min.insync.replicas=2",
            "log.retention.ms=-1",
            "log.retention.bytes=-1");

    /** Three brokers in three zones, and min.insync.replicas 2: one broker may fail without losing a write. */
    static final int REPLICATION_FACTOR = 3;

    public TherapymsStack(Construct scope, String id, StackProps props, String resourcePrefix) {
        super(scope, id, props);
        for (Map.Entry<String, List<TableSpec>> service : DeclaredTables.byService().entrySet()) {
            for (TableSpec spec : service.getValue()) {
                table(service.getKey(), spec, resourcePrefix);
            }
        }
        CfnConfiguration.Builder.create(this, "KafkaConfiguration")
                .name(resourcePrefix + "therapyms")
                .description("Broker settings of the Therapy Management System")
                .serverProperties(MSK_SERVER_PROPERTIES)
                .build();
        topics(resourcePrefix);
    }

    /**
     * One AWS::MSK::Topic per domain and dead-letter topic, from {@link Topics#specs()} (the definition the local
     * stack creates them from), on the MSK cluster named by the {@code KafkaClusterArn} parameter. Without that
     * parameter the template creates no topic and the brokers create them on first use with the configuration's
     * defaults, which equal the definition.
     */
    private void topics(String resourcePrefix) {
        CfnParameter clusterArn = CfnParameter.Builder.create(this, "KafkaClusterArn").type("String").defaultValue("")
                .description("ARN of the MSK cluster to create the topics on; empty: the brokers create them on first use")
                .build();
        CfnCondition onCluster = CfnCondition.Builder.create(this, "CreateKafkaTopics")
                .expression(Fn.conditionNot(Fn.conditionEquals(clusterArn.getValueAsString(), ""))).build();
        List<String> names = new ArrayList<>();
        for (TopicSpec spec : Topics.specs()) {
            TopicSpec topic = spec.prefixed(resourcePrefix);
            CfnTopic resource = CfnTopic.Builder.create(this, logicalId(topic.name(), "Topic"))
                    .clusterArn(clusterArn.getValueAsString())
                    .topicName(topic.name())
                    .partitionCount(topic.partitions())
                    .replicationFactor(REPLICATION_FACTOR)
                    .configs(encodedConfigs(topic.configs()))
                    .build();
            resource.getCfnOptions().setCondition(onCluster);
            // Deleting the stack must never delete the events (analytics replays them).
            resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
            names.add(topic.name());
        }
        CfnOutput.Builder.create(this, "DomainTopics").value(String.join(",", names))
                .description("The domain event topics and their dead-letter topics").build();
    }

    /** The topic configuration as MSK's topic API takes it: a JSON object of Kafka settings, base64-encoded. */
    static String encodedConfigs(Map<String, String> configs) {
        String json = new TreeMap<>(configs).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private CfnTable table(String service, TableSpec spec, String resourcePrefix) {
        CreateTableRequest request = TableBootstrap.createRequest(spec, resourcePrefix + spec.name());
        CfnTable.Builder table = CfnTable.Builder.create(this, logicalId(spec.name(), "Table"))
                .tableName(request.tableName())
                .billingMode(request.billingModeAsString())
                .keySchema(keySchema(request.keySchema()))
                .attributeDefinitions(request.attributeDefinitions().stream()
                        .map(a -> (Object) CfnTable.AttributeDefinitionProperty.builder()
                                .attributeName(a.attributeName()).attributeType(a.attributeTypeAsString()).build())
                        .toList())
                .pointInTimeRecoverySpecification(CfnTable.PointInTimeRecoverySpecificationProperty.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // Health data: encrypted with a KMS key (the AWS-managed one unless an operator sets another).
                .sseSpecification(CfnTable.SSESpecificationProperty.builder().sseEnabled(true).sseType("KMS").build());
        if (request.hasGlobalSecondaryIndexes()) {
            table.globalSecondaryIndexes(request.globalSecondaryIndexes().stream().map(TherapymsStack::index).toList());
        }
        spec.ttlAttribute().ifPresent(attribute -> table.timeToLiveSpecification(
                CfnTable.TimeToLiveSpecificationProperty.builder().attributeName(attribute).enabled(true).build()));
        CfnTable built = table.build();
        // Deleting the stack must never delete the records.
        built.applyRemovalPolicy(RemovalPolicy.RETAIN);
        Tags.of(built).add("therapyms:service", service);
        return built;
    }

    private static Object index(GlobalSecondaryIndex index) {
        return CfnTable.GlobalSecondaryIndexProperty.builder()
                .indexName(index.indexName())
                .keySchema(keySchema(index.keySchema()))
                .projection(CfnTable.ProjectionProperty.builder()
                        .projectionType(index.projection().projectionTypeAsString()).build())
                .build();
    }

    private static List<Object> keySchema(List<KeySchemaElement> elements) {
        return elements.stream().map(k -> (Object) CfnTable.KeySchemaProperty.builder()
                .attributeName(k.attributeName()).keyType(k.keyTypeAsString()).build()).toList();
    }

    /** A CloudFormation logical id from a resource name ("auth-service-processed-events" → "AuthServiceProcessedEventsTable"). */
    static String logicalId(String name, String kind) {
        StringBuilder id = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.append(kind).toString();
    }
}
