package io.therapyms.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.therapyms.devstack.TestTokens;

/**
 * What every service promises before it has any feature: it starts against real dynalite and Kafka,
 * creates its tables, reports ready, publishes its OpenAPI document with the bearer scheme, and
 * answers unknown paths and missing tokens with problem+json. A service's test extends this,
 * annotated {@code @QuarkusTest @QuarkusTestResource(DevStackResource.class)}.
 */
public abstract class ServiceContractTest {

    /** The service's {@code quarkus.application.name}. */
    protected abstract String serviceName();

    /** The logical names of the tables the service declares. */
    protected abstract List<String> expectedTables();

    /**
     * A GET path that needs a valid token (any role), to prove the service refuses bad tokens itself;
     * empty while the service has no such endpoint.
     */
    protected Optional<String> authenticatedGetPath() {
        return Optional.empty();
    }

    /**
     * The service's operations as "METHOD /path" (OpenAPI path templates) with the error statuses each
     * must document; empty while the service has no endpoints.
     */
    protected Map<String, List<String>> documentedOperations() {
        return Map.of();
    }

    @Test
    void startsReadyWithItsTablesCreated() {
        List<String> tables = Arrays.asList(given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .extract().<String>path("checks.find { it.name == 'dynamodb' }.data.tables").split(","));
        for (String table : expectedTables()) {
            org.hamcrest.MatcherAssert.assertThat(tables, hasItem(table));
        }
        org.hamcrest.MatcherAssert.assertThat(tables, hasItem(serviceName() + "-processed-events"));
    }

    @Test
    void publishesItsOpenApiDocumentWithTheBearerScheme() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(serviceName()))
                .body("components.securitySchemes", hasKey("bearerAuth"));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().get("/api/no-such-resource").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesTamperedUnsignedExpiredAndForeignTokens() {
        Assumptions.assumeTrue(authenticatedGetPath().isPresent(), "no authenticated endpoint yet");
        String path = authenticatedGetPath().get();
        String userId = UUID.randomUUID().toString();
        given().get(path).then().statusCode(401).contentType("application/problem+json");
        for (String bad : List.of(
                TestTokens.tampered(TestTokens.forUser(userId, "admin")),
                TestTokens.algNone(userId, "admin"),
                TestTokens.expired(userId, "admin"),
                TestTokens.withAudience(userId, "admin", "another-system"),
                TestTokens.withIssuer(userId, "admin", "https://evil.example"),
                TestTokens.signedByOtherKey(userId, "admin"))) {
            given().header("Authorization", "Bearer " + bad).get(path)
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void documentsEveryEndpointWithItsErrors() {
        Assumptions.assumeFalse(documentedOperations().isEmpty(), "no endpoints yet");
        io.restassured.path.json.JsonPath doc = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        documentedOperations().forEach((operation, statuses) -> {
            String[] parts = operation.split(" ", 2);
            String responses = "paths.'" + parts[1] + "'." + parts[0].toLowerCase(java.util.Locale.ROOT) + ".responses";
            Map<String, Object> documented = doc.getMap(responses);
            org.hamcrest.MatcherAssert.assertThat(operation + " is documented", documented, org.hamcrest.Matchers.notNullValue());
            for (String status : statuses) {
                org.hamcrest.MatcherAssert.assertThat(operation + " documents " + status, documented, hasKey(status));
            }
        });
    }
}
