package io.therapyms.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.testing.Metrics;
import io.therapyms.gateway.testing.FakeBackends;

/** Metrics live on the management port; the public port neither serves them nor forwards /q/** to a service. */
@QuarkusTest
@WithTestResource(FakeBackends.class)
class GatewayMetricsTest {

    /** The management interface's actual port: Quarkus records it here once it listened on a random one. */
    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void thePublicPortServesNoMetricsAndForwardsNoQuarkusPaths() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/metrics/prometheus", "/api/q/metrics"}) {
            given().get(path).then().statusCode(404).body(not(containsString("jvm_")));
        }
    }

    @Test
    void theManagementPortServesPrometheusMetricsWithProxiedRequestsPerPrefix() {
        // forwarded (the fake backend echoes it; a busy machine may make that a 504, which counts the same)
        given().get("/api/clients/c-42/therapists").then().statusCode(org.hamcrest.Matchers.oneOf(200, 504));

        String scrape = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(Metrics.valueIn(scrape, "http_server_requests_seconds_count", "uri=/api/clients/**"))
                .as(() -> scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")).toList().toString())
                .isPresent();
        assertThat(scrape).doesNotContain("c-42").contains("jvm_memory_used_bytes");
    }
}
