package io.therapyms.systemtests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Every operation of the gateway's merged OpenAPI document: method, path template, parameters, body schema. */
public record OpenApiOperations(List<Operation> operations, JsonNode document) {

    /** One method on one path, with what the document says it takes. */
    public record Operation(String method, String path, List<Parameter> pathParameters,
            List<Parameter> queryParameters, Optional<JsonNode> bodySchema) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public record Parameter(String name, JsonNode schema) {
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    public static OpenApiOperations parse(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            List<JsonNode> shared = list(path.getValue().path("parameters"));
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>(shared);
                parameters.addAll(list(method.getValue().path("parameters")));
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        parameters(document, parameters, "path"), parameters(document, parameters, "query"),
                        bodySchema(document, method.getValue())));
            }
        }
        return new OpenApiOperations(List.copyOf(operations), document);
    }

    /** Follows {@code $ref}s (to components of the same document) until a schema with content. */
    public JsonNode resolve(JsonNode schema) {
        return resolve(document, schema);
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 20 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static List<Parameter> parameters(JsonNode document, List<JsonNode> all, String in) {
        return all.stream()
                .map(parameter -> resolve(document, parameter))
                .filter(parameter -> in.equals(parameter.path("in").asText()))
                .map(parameter -> new Parameter(parameter.path("name").asText(), parameter.path("schema")))
                .toList();
    }

    private static Optional<JsonNode> bodySchema(JsonNode document, JsonNode operation) {
        JsonNode content = resolve(document, operation.path("requestBody")).path("content");
        return content.properties().stream().findFirst().map(mediaType -> mediaType.getValue().path("schema"));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
