package io.therapyms.deploy.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.therapyms.events.Topics;
import io.therapyms.platform.dynamo.TableBootstrap;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.msk.CfnConfiguration;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.constructs.Construct;

/**
 * The system's AWS resources: one DynamoDB table per declared {@link TableSpec} (the same CreateTable request the
 * services send at start-up, plus what production needs and a local store does not: point-in-time recovery,
 * encryption with a KMS key, TTL, retention on stack deletion) and the broker settings of an Amazon MSK
 * configuration. The services still create a missing table themselves; with this stack deployed first they find
 * every table there.
 */
public class TherapymsStack extends Stack {

    /**
     * The broker settings the services rely on: topics are created on first use with three partitions (the
     * local broker's settings, devstack/containers/kafka/server.properties), and kept for ever so that
     * analytics-service can rebuild its read models by a replay from the earliest offsets (its README).
     */
    static final String MSK_SERVER_PROPERTIES = String.join("\n",
            "auto.create.topics.enable=true",
            "num.partitions=3",
            "default.replication.factor=3",
            "min.insync.replicas=2",
            "log.retention.ms=-1",
            "log.retention.bytes=-1");

    public TherapymsStack(Construct scope, String id, StackProps props, String resourcePrefix) {
        super(scope, id, props);
        for (Map.Entry<String, List<TableSpec>> service : DeclaredTables.byService().entrySet()) {
            for (TableSpec spec : service.getValue()) {
                table(service.getKey(), spec, resourcePrefix);
            }
        }
        CfnConfiguration.Builder.create(this, "KafkaConfiguration")
                .name(resourcePrefix + "therapyms")
                .description("Broker settings of the Therapy Management System (topics created on first use)")
                .serverProperties(MSK_SERVER_PROPERTIES)
                .build();
        List<String> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(resourcePrefix + topic);
            topics.add(resourcePrefix + Topics.dlq(topic));
        }
        CfnOutput.Builder.create(this, "DomainTopics").value(String.join(",", topics))
                .description("The domain event topics and their dead-letter topics (created on first use)").build();
    }

    private CfnTable table(String service, TableSpec spec, String resourcePrefix) {
        CreateTableRequest request = TableBootstrap.createRequest(spec, resourcePrefix + spec.name());
        CfnTable.Builder table = CfnTable.Builder.create(this, logicalId(spec.name()))
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

    /** A CloudFormation logical id from a table name ("auth-service-processed-events" → "AuthServiceProcessedEventsTable"). */
    static String logicalId(String tableName) {
        StringBuilder id = new StringBuilder();
        for (String part : tableName.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.append("Table").toString();
    }
}
