package io.therapyms.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.therapyms.gateway.testing.FakeBackend;
import io.therapyms.gateway.testing.FakeBackends;

@QuarkusTest
@WithTestResource(FakeBackends.class)
class ApiDocsTest {

    FakeBackends backends;

    private static JsonPath mergedDocument() {
        return given().when().get("/api-docs/openapi.json")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    @Test
    void mergesEveryServicesPathsAndSchemas() {
        JsonPath document = mergedDocument();

        assertThat(document.getString("info.title")).isEqualTo("Therapy Management System API");
        assertThat(document.getList("servers.url")).containsExactly("/");
        for (FakeBackend backend : backends.all().values()) {
            assertThat(document.getMap("paths")).containsKey(backend.documentedPath());
            assertThat(document.getMap("components.schemas")).containsKey(backend.name().replace("-", "_") + "_item");
        }
        assertThat(document.getList("x-unavailable-services")).isEmpty();
        assertThat(document.getList("tags.name")).hasSize(backends.all().size());
    }

    @Test
    void keepsIdenticalSchemasOnceAndRenamesClashingOnesWithTheirReferences() {
        Map<String, Object> schemas = mergedDocument().getMap("components.schemas");

        assertThat(schemas.keySet()).filteredOn(name -> name.endsWith("Problem")).containsExactly("Problem");
        // auth-service comes first by name and keeps "Page"; the others' differ and are prefixed.
        assertThat(schemas).containsKeys("Page", "client-service_Page", "messaging-service_Page");
        String clientListSchema = mergedDocument()
                .getString("paths.'/api/clients'.get.responses.'200'.content.'application/json'.schema.$ref");
        assertThat(clientListSchema).isEqualTo("#/components/schemas/client-service_Page");
        assertThat(mergedDocument().getString("components.schemas.client-service_Page.properties.items.items.$ref"))
                .isEqualTo("#/components/schemas/client_service_item");
    }

    @Test
    void declaresBearerSecurityForTheWholeApi() {
        JsonPath document = mergedDocument();

        assertThat(document.getMap("components.securitySchemes.bearerAuth"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat(document.getList("security")).containsExactly(Map.of("bearerAuth", List.of()));
    }

    @Test
    void skipsAServiceThatIsDownAndNamesIt() {
        FakeBackend therapists = backends.backend("therapist-service");
        therapists.stop();
        try {
            JsonPath document = mergedDocument();

            assertThat(document.getList("x-unavailable-services")).containsExactly("therapist-service");
            assertThat(document.getMap("paths")).doesNotContainKey(therapists.documentedPath())
                    .containsKey(backends.backend("client-service").documentedPath());
        } finally {
            therapists.start();
        }
    }

    @Test
    void servesSwaggerUiOverTheMergedDocument() {
        given().when().get("/api-docs")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/api-docs/openapi.json"));
    }
}
