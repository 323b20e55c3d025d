package io.therapyms.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class OpenApiMergerTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode document(String schemas, String paths) throws Exception {
        return mapper.readTree("{\"openapi\":\"3.1.0\",\"paths\":" + paths + ",\"components\":{\"schemas\":" + schemas + "}}");
    }

    @Test
    void renamesASchemaThatOnlyDiffersThroughWhatItRefersTo() throws Exception {
        String list = "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Item\"}}";
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("a-service", document("{\"Item\":{\"type\":\"object\"},\"List\":" + list + "}",
                "{\"/api/a\":{\"get\":{\"responses\":{\"200\":{\"$ref\":\"#/components/schemas/List\"}}}}}"));
        documents.put("b-service", document("{\"Item\":{\"type\":\"string\"},\"List\":" + list + "}",
                "{\"/api/b\":{\"get\":{\"responses\":{\"200\":{\"$ref\":\"#/components/schemas/List\"}}}}}"));

        ObjectNode merged = new OpenApiMerger("1").merge(documents, List.of());

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.path("b-service_List").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/b-service_Item");
        assertThat(schemas.path("List").path("items").path("$ref").asText()).isEqualTo("#/components/schemas/Item");
        assertThat(merged.at("/paths/~1api~1b/get/responses/200/$ref").asText())
                .isEqualTo("#/components/schemas/b-service_List");
        assertThat(merged.at("/paths/~1api~1a/get/responses/200/$ref").asText())
                .isEqualTo("#/components/schemas/List");
    }

    @Test
    void keepsTheServicesOwnSecuritySchemesNextToBearerAuth() throws Exception {
        JsonNode withScheme = mapper.readTree("{\"paths\":{},\"components\":{\"securitySchemes\":"
                + "{\"SecurityScheme\":{\"type\":\"http\",\"scheme\":\"bearer\"}}}}");

        ObjectNode merged = new OpenApiMerger("1").merge(Map.of("a-service", withScheme), List.of("b-service"));

        assertThat(merged.at("/components/securitySchemes").fieldNames())
                .toIterable().containsExactlyInAnyOrder("bearerAuth", "SecurityScheme");
        assertThat(merged.path(OpenApiMerger.UNAVAILABLE_EXTENSION).get(0).asText()).isEqualTo("b-service");
    }
}
