package io.therapyms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.platform.app.TestTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.outbox.OutboxAttributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TableBootstrapTest {

    @Inject
    TableBootstrap bootstrap;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Test
    void createsDeclaredTablesWithTheirIndexesAndTheOutboxIndex() {
        TableDescription table = dynamo.describeTable(r -> r.tableName(config.prefixed(TestTables.ITEMS))).table();

        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder(TableSpec.GSI1, TableSpec.GSI2, OutboxAttributes.INDEX_NAME);
        assertThat(dynamo.describeTable(r -> r.tableName(config.prefixed("platform-test-processed-events"))).table()
                .tableStatus()).isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void creatingAnExistingTableAgainIsHarmless() {
        bootstrap.ensureTable(bootstrap.spec(TestTables.ITEMS));
        assertThat(dynamo.describeTable(r -> r.tableName(config.prefixed(TestTables.ITEMS))).table().tableStatus())
                .isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void usesTheResourcePrefixForIsolation() {
        assertThat(config.resourcePrefix()).hasValueSatisfying(prefix -> assertThat(prefix).isNotBlank());
        assertThat(bootstrap.physicalName(bootstrap.spec(TestTables.ITEMS))).startsWith(config.resourcePrefix().orElseThrow());
    }
}
