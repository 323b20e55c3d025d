package io.therapyms.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.therapyms.platform.consumer.ProcessedEventsTable;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableBootstrap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Ready when the service's tables were created and the store answers. */
@Readiness
@ApplicationScoped
public class TablesReadiness implements HealthCheck {

    @Inject
    TableBootstrap tables;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    ProcessedEventsTable processedEvents;

    @Override
    public HealthCheckResponse call() {
        if (!tables.isReady()) {
            return HealthCheckResponse.down("dynamodb");
        }
        try {
            dynamo.describeTable(r -> r.tableName(config.prefixed(processedEvents.name())));
            return HealthCheckResponse.up("dynamodb");
        } catch (SdkException e) {
            return HealthCheckResponse.named("dynamodb").down().withData("error", "store unreachable").build();
        }
    }
}
