package io.therapyms.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes every service's OpenAPI document the same way (registered as {@code mp.openapi.filter}): the
 * {@code Problem} schema of {@link ProblemMappers}, and on each operation the error responses it can give (400 when
 * it takes input, 401/403 when it needs a token, 404 when its path names an object, 429 and 500 always), each with that
 * schema as {@code application/problem+json}; an error response a resource declared keeps its description and
 * gains the schema. An operation without a summary gets one from its method name (operation ids come from
 * {@code mp.openapi.extensions.smallrye.operationIdStrategy=CLASS_METHOD}), so the merged document never lacks one,
 * and a request body without an example gets one built from its schema ({@link RequestBodyExamples}).
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Invalid input: a malformed body, field errors (listed in `errors`), or a bad cursor",
            "401", "No valid, unrevoked bearer token",
            "403", "The caller may not touch this object",
            "404", "No such object (or one the caller may not know of)",
            "429", "Too many requests (the gateway's per-client limit, or a service's own throttle); see Retry-After",
            "500", "Unexpected failure (the body names an incident id, nothing more)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problemSchema());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() != null) {
                item.getOperations().values().forEach(operation -> complete(path, operation));
            }
        });
        RequestBodyExamples.complete(openAPI);
    }

    private static void complete(String path, Operation operation) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(summaryFrom(operation.getOperationId()));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, String> needed = new LinkedHashMap<>();
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            needed.put("400", DESCRIPTIONS.get("400"));
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            needed.put("401", DESCRIPTIONS.get("401"));
            needed.put("403", DESCRIPTIONS.get("403"));
        }
        if (path.contains("{")) {
            needed.put("404", DESCRIPTIONS.get("404"));
        }
        needed.put("429", DESCRIPTIONS.get("429"));
        needed.put("500", DESCRIPTIONS.get("500"));
        needed.forEach((code, description) -> {
            if (responses.getAPIResponse(code) == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
            }
        });
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    withProblemBody(response);
                }
            });
        }
    }

    private static void withProblemBody(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        if (response.getContent() == null) {
            response.setContent(OASFactory.createContent());
        }
        Content content = response.getContent();
        if (content.getMediaType(Problem.MEDIA_TYPE) == null) {
            content.addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
        }
    }

    /** {@code SlotResource_listSlots} → {@code List slots}. */
    static String summaryFrom(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return "Operation";
        }
        String method = operationId.substring(operationId.lastIndexOf('_') + 1);
        String words = method.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Schema problemSchema() {
        Schema error = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING));
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details, the one error format of every service")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri")
                        .description("Identifies the kind of problem"))
                .addProperty("title", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(error)
                        .description("Field errors of a 400 from validation"))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
