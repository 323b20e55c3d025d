package io.therapyms.platform.dynamo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.outbox.OutboxAttributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates every declared {@link TableSpec} that does not exist yet and waits until it is active,
 * before anything else starts (the Kafka consumers and the outbox relay need the tables). Safe to
 * run from several instances at once: a concurrent creation is treated as success.
 */
@Singleton
public class TableBootstrap {

    private static final Logger LOG = Logger.getLogger(TableBootstrap.class);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    @Any
    Instance<TableSpec> declared;

    private final Map<String, TableSpec> byLogicalName = new ConcurrentHashMap<>();
    private volatile boolean ready;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) StartupEvent event) {
        for (TableSpec spec : specs()) {
            ensureTable(spec);
            byLogicalName.put(spec.name(), spec);
        }
        ready = true;
    }

    /** The declared tables, in declaration order, without duplicates. */
    public List<TableSpec> specs() {
        Map<String, TableSpec> unique = new LinkedHashMap<>();
        for (TableSpec spec : declared) {
            unique.putIfAbsent(spec.name(), spec);
        }
        return new ArrayList<>(unique.values());
    }

    public boolean isReady() {
        return ready;
    }

    public String physicalName(TableSpec spec) {
        return config.prefixed(spec.name());
    }

    void ensureTable(TableSpec spec) {
        String table = physicalName(spec);
        try {
            dynamo.createTable(createRequest(spec, table));
            LOG.infof("Created table %s", table);
        } catch (ResourceInUseException alreadyThere) {
            LOG.debugf("Table %s exists", table);
        }
        TableDescription description = waitUntilActive(table);
        warnAboutChangedIndexes(spec, description);
        spec.ttlAttribute().ifPresent(attribute -> enableTtl(table, attribute));
    }

    /** Expiry is also checked on read, so a store without TTL support (dynalite) stays correct. */
    private void enableTtl(String table, String attribute) {
        try {
            dynamo.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
        } catch (DynamoDbException e) {
            LOG.debugf("TTL not enabled on %s (%s); expired items are filtered on read", table, e.awsErrorDetails().errorCode());
        }
    }

    /** The CreateTable request of {@code spec} under its physical name: what start-up sends, and what the AWS infrastructure code declares. */
    public static CreateTableRequest createRequest(TableSpec spec, String table) {
        Set<TableSpec.Key> attributes = new LinkedHashSet<>();
        List<KeySchemaElement> keySchema = keySchema(spec.partitionKey(), spec.sortKey().orElse(null), attributes);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.Index index : allIndexes(spec)) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey().orElse(null), attributes))
                    .projection(Projection.builder().projectionType(index.projection()).build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema)
                .attributeDefinitions(attributes.stream()
                        .map(k -> AttributeDefinition.builder().attributeName(k.attribute()).attributeType(k.type()).build())
                        .toList());
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static List<TableSpec.Index> allIndexes(TableSpec spec) {
        List<TableSpec.Index> indexes = new ArrayList<>(spec.indexes());
        if (spec.outbox()) {
            indexes.add(OutboxAttributes.INDEX);
        }
        return indexes;
    }

    private static List<KeySchemaElement> keySchema(TableSpec.Key hash, TableSpec.Key range, Set<TableSpec.Key> attributes) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(hash.attribute()).keyType(KeyType.HASH).build());
        attributes.add(hash);
        if (range != null) {
            schema.add(KeySchemaElement.builder().attributeName(range.attribute()).keyType(KeyType.RANGE).build());
            attributes.add(range);
        }
        return schema;
    }

    /**
     * A table created by an older version keeps its old indexes: neither DynamoDB nor dynalite changes an index's
     * keys in place. Say so once at start-up rather than fail obscurely later.
     */
    private static void warnAboutChangedIndexes(TableSpec spec, TableDescription description) {
        Map<String, List<KeySchemaElement>> existing = new HashMap<>();
        if (description.hasGlobalSecondaryIndexes()) {
            description.globalSecondaryIndexes().forEach(i -> existing.put(i.indexName(), i.keySchema()));
        }
        for (TableSpec.Index index : allIndexes(spec)) {
            List<KeySchemaElement> declaredKeys = keySchema(index.partitionKey(), index.sortKey().orElse(null),
                    new LinkedHashSet<>());
            if (!declaredKeys.equals(existing.get(index.name()))) {
                LOG.warnf("Table %s was created with another definition of index %s (found %s, expected %s); "
                        + "recreate the table (locally: ./run --fresh)", description.tableName(), index.name(),
                        existing.get(index.name()), declaredKeys);
            }
        }
    }

    private TableDescription waitUntilActive(String table) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            try {
                TableDescription description = dynamo.describeTable(r -> r.tableName(table)).table();
                boolean indexesActive = !description.hasGlobalSecondaryIndexes() || description.globalSecondaryIndexes()
                        .stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
                if (description.tableStatus() == TableStatus.ACTIVE && indexesActive) {
                    return description;
                }
            } catch (ResourceNotFoundException notYet) {
                // eventually consistent control plane: the table may not be visible for a moment
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Table " + table + " did not become active within " + ACTIVE_TIMEOUT);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for tables", e);
        }
    }

    /** The declared spec of a logical table (after start-up). */
    public TableSpec spec(String logicalName) {
        TableSpec spec = byLogicalName.get(logicalName);
        if (spec == null) {
            throw new IllegalArgumentException("No table declared as " + logicalName);
        }
        return spec;
    }
}
