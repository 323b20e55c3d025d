package io.therapyms.platform.errors;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * An example for every request body that has none, built from its schema (the request record's, with its
 * {@code @Schema(example = ...)} values where given, enums, formats and bounds), so the document shows a body a
 * caller can send and no copy of the document is kept by hand. A body with its own example or examples keeps them.
 */
final class RequestBodyExamples {

    private static final int MAX_DEPTH = 6;
    private static final String REF_PREFIX = "#/components/schemas/";

    private RequestBodyExamples() {
    }

    static void complete(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of()
                : openAPI.getComponents().getSchemas();
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            if (item.getOperations() != null) {
                item.getOperations().values().forEach(operation -> complete(operation, components));
            }
        });
    }

    private static void complete(Operation operation, Map<String, Schema> components) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                || operation.getRequestBody().getContent().getMediaTypes() == null) {
            return;
        }
        for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
            boolean hasExample = media.getExample() != null
                    || (media.getExamples() != null && !media.getExamples().isEmpty());
            if (!hasExample && media.getSchema() != null) {
                Object example = example(media.getSchema(), components, "", 0);
                if (example != null) {
                    media.setExample(example);
                }
            }
        }
    }

    static Object example(Schema schema, Map<String, Schema> components, String name, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getRef() != null) {
            String ref = schema.getRef();
            return ref.startsWith(REF_PREFIX)
                    ? example(components.get(ref.substring(REF_PREFIX.length())), components, name, depth + 1)
                    : null;
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().stream().filter(value -> value != null).findFirst().orElse(null);
        }
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (alternatives != null) {
                for (Schema alternative : alternatives) {
                    Object example = example(alternative, components, name, depth + 1);
                    if (example != null) {
                        return example;
                    }
                }
            }
        }
        List<SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        if (types.contains(SchemaType.OBJECT) || (types.isEmpty() && schema.getProperties() != null)) {
            Map<String, Object> object = new LinkedHashMap<>();
            if (schema.getProperties() != null) {
                List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                schema.getProperties().forEach((property, propertySchema) -> {
                    if (propertySchema.getReadOnly() == null || !propertySchema.getReadOnly()) {
                        Object value = example(propertySchema, components, property, depth + 1);
                        // an optional field whose pattern the made-up value misses is left out: no invalid example
                        if (value != null && (required.contains(property)
                                || fitsPattern(resolve(propertySchema, components), value))) {
                            object.put(property, value);
                        }
                    }
                });
            }
            return object;
        }
        if (types.contains(SchemaType.ARRAY)) {
            List<Object> array = new ArrayList<>();
            Object item = example(schema.getItems(), components, name, depth + 1);
            if (item != null) {
                int count = schema.getMinItems() == null ? 1 : Math.max(1, schema.getMinItems());
                for (int i = 0; i < count; i++) {
                    array.add(item);
                }
            }
            return array;
        }
        if (types.contains(SchemaType.INTEGER)) {
            BigDecimal minimum = schema.getMinimum();
            return minimum == null ? 1 : minimum.intValue();
        }
        if (types.contains(SchemaType.NUMBER)) {
            BigDecimal minimum = schema.getMinimum();
            return minimum == null ? 1.5 : minimum;
        }
        if (types.contains(SchemaType.BOOLEAN)) {
            return true;
        }
        if (types.contains(SchemaType.STRING)) {
            return string(schema, name);
        }
        return null;
    }

    private static Schema resolve(Schema schema, Map<String, Schema> components) {
        for (int i = 0; i < MAX_DEPTH && schema != null && schema.getRef() != null
                && schema.getRef().startsWith(REF_PREFIX); i++) {
            schema = components.get(schema.getRef().substring(REF_PREFIX.length()));
        }
        return schema;
    }

    private static boolean fitsPattern(Schema schema, Object value) {
        if (schema == null || schema.getPattern() == null || !(value instanceof String text)) {
            return true;
        }
        try {
            return java.util.regex.Pattern.compile(schema.getPattern()).matcher(text).find();
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    /** A pattern that is a plain list of alternatives ({@code approved|rejected}) gives its first one. */
    private static String fromPattern(String pattern) {
        String bare = pattern.startsWith("^") ? pattern.substring(1) : pattern;
        bare = bare.endsWith("$") ? bare.substring(0, bare.length() - 1) : bare;
        if (bare.startsWith("(") && bare.endsWith(")")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        String first = bare.split("\\|", -1)[0];
        return first.matches("[A-Za-z0-9_ .-]+") ? first : null;
    }

    private static String string(Schema schema, String name) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String value = switch (format) {
            case "uuid" -> "3f2c8a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
            case "date-time" -> "2026-12-01T15:00:00Z";
            case "date" -> "2026-12-01";
            case "email" -> "ann@example.com";
            case "uri", "url" -> "https://example.com/";
            case "duration" -> "PT30M";
            default -> byName(name);
        };
        if (schema.getPattern() != null && !fitsPattern(schema, value)) {
            String alternative = fromPattern(schema.getPattern());
            if (alternative != null && fitsPattern(schema, alternative)) {
                value = alternative;
            }
        }
        int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
        if (value.length() < min) {
            value = value + "x".repeat(min - value.length());
        }
        if (schema.getMaxLength() != null && value.length() > schema.getMaxLength()) {
            value = value.substring(0, schema.getMaxLength());
        }
        return value;
    }

    /** Something plausible for the field, by the names our request records use. */
    private static String byName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("id")) {
            return "3f2c8a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
        }
        if (lower.contains("email")) {
            return "ann@example.com";
        }
        if (lower.contains("password")) {
            return "correct horse battery staple";
        }
        if (lower.contains("time") || lower.endsWith("at")) {
            return "2026-12-01T15:00:00Z";
        }
        if (lower.contains("name")) {
            return "Ann Lee";
        }
        if (lower.contains("timezone")) {
            return "Europe/Berlin";
        }
        return "text";
    }
}
