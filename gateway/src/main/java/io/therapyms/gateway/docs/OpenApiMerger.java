package io.therapyms.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Folds the services' OpenAPI documents into one: all paths, all components, a bearer scheme that
 * applies everywhere. When two services define a component under one name with different content,
 * the later service's copy is renamed {@code <service>_<name>} and its references follow; identical
 * definitions (such as the shared problem schema) are kept once.
 */
final class OpenApiMerger {

    static final String TITLE = "Therapy Management System API";
    static final String BEARER_SCHEME = "bearerAuth";
    static final String UNAVAILABLE_EXTENSION = "x-unavailable-services";
    private static final String DEFAULT_OPENAPI_VERSION = "3.1.0";
    private static final String SECURITY_SCHEMES = "securitySchemes";

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final String apiVersion;

    OpenApiMerger(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /**
     * @param documents   each available service's document by service name, in the order to merge
     * @param unavailable services whose document could not be had
     */
    ObjectNode merge(Map<String, JsonNode> documents, List<String> unavailable) {
        ObjectNode merged = json.objectNode();
        merged.put("openapi", documents.values().stream()
                .map(document -> document.path("openapi").asText(""))
                .filter(version -> !version.isEmpty())
                .findFirst().orElse(DEFAULT_OPENAPI_VERSION));
        merged.putObject("info").put("title", TITLE).put("version", apiVersion);
        merged.putArray("servers").addObject().put("url", "/");
        merged.putArray("security").addObject().putArray(BEARER_SCHEME);
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        components.putObject("schemas");
        components.putObject(SECURITY_SCHEMES).putObject(BEARER_SCHEME)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");

        documents.forEach((service, document) -> mergeService(service, document, merged));

        ArrayNode unavailableNode = merged.putArray(UNAVAILABLE_EXTENSION);
        unavailable.forEach(unavailableNode::add);
        if (tags.isEmpty()) {
            merged.remove("tags");
        }
        return merged;
    }

    private void mergeService(String service, JsonNode document, ObjectNode merged) {
        ObjectNode components = (ObjectNode) merged.get("components");
        JsonNode serviceComponents = document.path("components");
        Map<String, String> renamedRefs = renamesFor(service, serviceComponents, components);
        JsonNode rewritten = rewriteRefs(document.deepCopy(), renamedRefs);

        rewritten.path("components").properties().forEach(section -> {
            ObjectNode target = components.has(section.getKey())
                    ? (ObjectNode) components.get(section.getKey())
                    : components.putObject(section.getKey());
            section.getValue().properties().forEach(component -> {
                String name = component.getKey();
                String ref = refFor(section.getKey(), name);
                // Security schemes are referred to by name, not by $ref: keep the first of a name.
                String mergedName = renamedRefs.containsKey(ref) ? nameOf(renamedRefs.get(ref)) : name;
                if (!target.has(mergedName)) {
                    target.set(mergedName, component.getValue());
                }
            });
        });

        rewritten.path("paths").properties().forEach(path -> {
            if (!paths(merged).has(path.getKey())) {
                paths(merged).set(path.getKey(), path.getValue());
                return;
            }
            // The same path from two services: take the operations the first did not define.
            ObjectNode existing = (ObjectNode) paths(merged).get(path.getKey());
            path.getValue().properties().forEach(operation -> {
                if (!existing.has(operation.getKey())) {
                    existing.set(operation.getKey(), operation.getValue());
                }
            });
        });

        ArrayNode tags = (ArrayNode) merged.get("tags");
        Set<String> tagNames = new HashSet<>();
        tags.forEach(tag -> tagNames.add(tag.path("name").asText()));
        rewritten.path("tags").forEach(tag -> {
            if (tagNames.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        });
    }

    /**
     * Which of this service's components must be renamed: those whose name is taken by a different
     * definition. Renaming one can make another differ (it now points elsewhere), hence the loop.
     */
    private Map<String, String> renamesFor(String service, JsonNode serviceComponents, ObjectNode mergedComponents) {
        Map<String, String> renamed = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, JsonNode> section : fieldsOf(serviceComponents)) {
                if (section.getKey().equals(SECURITY_SCHEMES)) {
                    continue;
                }
                JsonNode existingSection = mergedComponents.path(section.getKey());
                for (Map.Entry<String, JsonNode> component : fieldsOf(section.getValue())) {
                    String ref = refFor(section.getKey(), component.getKey());
                    JsonNode existing = existingSection.get(component.getKey());
                    if (existing == null || renamed.containsKey(ref)) {
                        continue;
                    }
                    if (!existing.equals(rewriteRefs(component.getValue().deepCopy(), renamed))) {
                        renamed.put(ref, refFor(section.getKey(), service + "_" + component.getKey()));
                        changed = true;
                    }
                }
            }
        }
        return renamed;
    }

    /** Replaces every string that is exactly a renamed reference ($ref values and discriminator mappings alike). */
    private JsonNode rewriteRefs(JsonNode node, Map<String, String> renamedRefs) {
        if (renamedRefs.isEmpty()) {
            return node;
        }
        if (node.isTextual() && renamedRefs.containsKey(node.asText())) {
            return TextNode.valueOf(renamedRefs.get(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> field : fieldsOf(object)) {
                object.set(field.getKey(), rewriteRefs(field.getValue(), renamedRefs));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewriteRefs(array.get(i), renamedRefs));
            }
        }
        return node;
    }

    private static ObjectNode paths(ObjectNode merged) {
        return (ObjectNode) merged.get("paths");
    }

    private static List<Map.Entry<String, JsonNode>> fieldsOf(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.properties().forEach(fields::add);
        return fields;
    }

    private static String refFor(String section, String name) {
        return "#/components/" + section + "/" + name;
    }

    private static String nameOf(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
