package io.therapyms.systemtests.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.therapyms.systemtests.fuzz.OpenApiOperations.Operation;
import io.therapyms.systemtests.fuzz.OpenApiOperations.Parameter;

/**
 * Builds random requests from the document: mostly a documented operation with random parameters and a body that
 * roughly follows its schema, sometimes a path or method the document does not have, a body that is not JSON, or a
 * wrong content type; with a valid token, a broken one or none.
 */
final class RequestFactory {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    private static final List<String> UNDOCUMENTED_PATHS = List.of("/", "/api", "/api/", "/api/unknown", "/health",
            "/api-docs", "/api-docs/openapi.json", "/.well-known/jwks.json", "/q/health", "/q/openapi", "/q/dev",
            "/api/%2e%2e/q/health", "/api/clients/../therapists", "/api/notifications/stream", "/api//clients",
            "/API/CLIENTS", "/api/clients;x=1", "/api/messages/%00", "/api/journals/%F0%9F%99%82");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/problem+json", "*/*", "");
    private static final ObjectMapper RAW_JSON = new ObjectMapper();
    private static final ObjectMapper ESCAPED_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final OpenApiOperations api;
    private final List<String> validTokens;
    private final List<String> brokenTokens;
    private final RandomValues values;

    RequestFactory(OpenApiOperations api, List<String> validTokens, List<String> brokenTokens, List<String> knownIds,
            Random random) {
        this.api = api;
        this.validTokens = validTokens;
        this.brokenTokens = brokenTokens;
        this.values = new RandomValues(random, knownIds);
    }

    FuzzRequest next() {
        Operation operation = values.pick(api.operations());
        boolean documented = values.chance(0.9);
        String method = documented ? operation.method() : values.pick(METHODS);
        String path = documented ? fillPath(operation) : undocumentedPath(operation);
        Map<String, String> headers = new LinkedHashMap<>();
        authorize(headers);
        byte[] body = null;
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")
                && (operation.bodySchema().isPresent() || values.chance(0.3))) {
            body = body(operation, headers);
        }
        return new FuzzRequest(operation.toString(), method, path + query(operation), headers, body);
    }

    private void authorize(Map<String, String> headers) {
        double roll = values.below(100) / 100.0;
        if (roll < 0.6) {
            headers.put("Authorization", "Bearer " + values.pick(validTokens));
        } else if (roll < 0.8) {
            headers.put("Authorization", values.chance(0.8) ? "Bearer " + values.pick(brokenTokens)
                    : values.pick(List.of("Bearer", "Basic YWRtaW46YWRtaW4=", "bearer  ", "Bearer " + values.string())));
        }
    }

    private String fillPath(Operation operation) {
        Matcher parameters = PATH_PARAMETER.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String value = values.chance(0.85) ? values.id() : values.string();
            parameters.appendReplacement(path, Matcher.quoteReplacement(encodeSegment(value)));
        }
        parameters.appendTail(path);
        return path.toString();
    }

    private String undocumentedPath(Operation operation) {
        return switch (values.below(3)) {
            case 0 -> values.pick(UNDOCUMENTED_PATHS);
            case 1 -> fillPath(operation) + "/" + encodeSegment(values.string());
            default -> fillPath(operation);
        };
    }

    private String query(Operation operation) {
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : operation.queryParameters()) {
            if (values.chance(0.5)) {
                Object value = values.forSchema(api, parameter.schema(), parameter.name(), 1);
                append(query, parameter.name(), String.valueOf(value));
            }
        }
        if (values.chance(0.1)) {
            append(query, values.pick(List.of("limit", "cursor", "with", "status", "from", "to", "q")), values.string());
        }
        return query.isEmpty() ? "" : "?" + query;
    }

    private byte[] body(Operation operation, Map<String, String> headers) {
        headers.put("Content-Type", values.chance(0.9) ? "application/json" : values.pick(CONTENT_TYPES));
        int kind = values.below(20);
        if (kind == 0) {
            return values.string().getBytes(StandardCharsets.UTF_8); // not JSON at all
        }
        if (kind == 1) {
            return new byte[0];
        }
        if (kind == 2) {
            return "[".repeat(values.below(3_000)).getBytes(StandardCharsets.US_ASCII); // deep or truncated nesting
        }
        Object content = operation.bodySchema().isPresent() && kind > 5
                ? values.forSchema(api, operation.bodySchema().get(), null, 4)
                : values.anyValue(3);
        byte[] json = toJson(content);
        if (kind == 3 && json.length > 1) {
            return Arrays.copyOf(json, values.below(json.length)); // truncated
        }
        return json;
    }

    private byte[] toJson(Object content) {
        try {
            return (values.chance(0.5) ? RAW_JSON : ESCAPED_JSON).writeValueAsBytes(content);
        } catch (JsonProcessingException loneSurrogateInRawUtf8) {
            try {
                return ESCAPED_JSON.writeValueAsBytes(content);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** Percent-encodes everything but unreserved characters, so any value (even "/" or "..") is one segment. */
    private static String encodeSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
