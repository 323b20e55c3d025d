package io.therapyms.systemtests.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.devstack.LocalStack;
import io.therapyms.systemtests.support.SystemStack;

/**
 * Issue #20: the merged OpenAPI document the gateway serves: every operation has a unique operationId, a summary,
 * problem+json error responses and an example for its request body. The document is written to
 * {@code target/openapi/openapi.json}, which CI lints with {@code @redocly/cli} (redocly.yaml at the root).
 */
@ExtendWith(SystemStack.class)
class MergedOpenApiTest {

    static final Path WRITTEN = Path.of("target", "openapi", "openapi.json");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyOperationIsDocumentedCompletely(LocalStack stack) throws IOException {
        String body = given().baseUri(stack.gatewayUrl()).get("/api-docs/openapi.json")
                .then().statusCode(200).extract().asString();
        Files.createDirectories(WRITTEN.getParent());
        Files.writeString(WRITTEN, body, StandardCharsets.UTF_8);
        JsonNode doc = new ObjectMapper().readTree(body);

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
            JsonNode requestBody = operation.path("requestBody");
            if (!requestBody.isMissingNode() && requestBody.path("content").isEmpty()) {
                problems.add(where + ": request body without content (a media type and schema)");
            }
            requestBody.path("content").fields().forEachRemaining(media -> {
                if (media.getValue().path("example").isMissingNode() && media.getValue().path("examples").isEmpty()) {
                    problems.add(where + ": request body " + media.getKey() + " without an example");
                }
            });
            operation.path("responses").fields().forEachRemaining(response -> {
                boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
                if (error && !response.getValue().at("/content/application~1problem+json/schema/$ref").asText()
                        .endsWith("/Problem")) {
                    problems.add(where + ": " + response.getKey() + " without the problem+json schema");
                }
            });
        }));
        assertThat(ids).hasSizeGreaterThan(50);
        assertThat(problems).isEmpty();
    }
}
