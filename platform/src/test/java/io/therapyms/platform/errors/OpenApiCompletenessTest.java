package io.therapyms.platform.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

/**
 * What the platform's OpenAPI settings give every service's document: an operationId and a summary on every
 * operation, an example for every request body, and every error response described with the problem+json schema.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class OpenApiCompletenessTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void aRequestBodyExampleFollowsTheSchema() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode example = null;
        for (JsonNode path : doc.path("paths")) {
            for (JsonNode operation : path) {
                JsonNode candidate = operation.at("/requestBody/content/application~1json/example");
                if (!candidate.isMissingNode() && candidate.has("intensity")) {
                    example = candidate;
                }
            }
        }
        assertThat(example).as("the CreateThing body's example").isNotNull();
        assertThat(example.path("name").asText()).isNotBlank();
        assertThat(example.path("intensity").asInt()).isBetween(1, 10);
        assertThat(example.at("/slots/0/startTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void everyOperationHasAnIdASummaryAndProblemJsonErrors() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        assertThat(doc.at("/components/schemas/Problem/properties/status").isMissingNode()).isFalse();

        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String where = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            if (operation.path("operationId").asText().isBlank() || !ids.add(operation.path("operationId").asText())) {
                problems.add(where + ": no unique operationId");
            }
            if (operation.path("summary").asText().isBlank()) {
                problems.add(where + ": no summary");
            }
            operation.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (media.getValue().path("example").isMissingNode() && media.getValue().path("examples").isEmpty()) {
                    problems.add(where + ": request body " + media.getKey() + " without an example");
                }
            });
            List<Map.Entry<String, JsonNode>> errors = new ArrayList<>();
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    errors.add(response);
                }
            });
            if (errors.stream().noneMatch(e -> e.getKey().startsWith("4"))) {
                problems.add(where + ": no 4xx response");
            }
            errors.stream().filter(e -> !e.getValue().at("/content/application~1problem+json/schema/$ref").asText()
                    .equals("#/components/schemas/Problem"))
                    .forEach(e -> problems.add(where + ": " + e.getKey() + " without the problem+json schema"));
        }));
        assertThat(ids).isNotEmpty();
        assertThat(problems).isEmpty();
    }
}
