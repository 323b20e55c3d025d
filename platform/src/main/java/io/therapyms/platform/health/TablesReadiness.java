package io.therapyms.platform.health;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.therapyms.platform.dynamo.TableBootstrap;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Ready when every declared table exists and is active in a store that answers; lists them. */
@Readiness
@ApplicationScoped
public class TablesReadiness implements HealthCheck {

    @Inject
    TableBootstrap tables;

    @Inject
    DynamoDbClient dynamo;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dynamodb");
        if (!tables.isReady()) {
            return response.down().withData("reason", "tables not created yet").build();
        }
        List<String> active = new ArrayList<>();
        try {
            for (TableSpec spec : tables.specs()) {
                String name = tables.physicalName(spec);
                if (dynamo.describeTable(r -> r.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
                    return response.down().withData("reason", name + " is not active").build();
                }
                active.add(spec.name());
            }
        } catch (SdkException e) {
            return response.down().withData("reason", "store unreachable").build();
        }
        return response.up().withData("tables", String.join(",", active)).build();
    }
}
