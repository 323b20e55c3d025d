package io.therapyms.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;

/**
 * The assembly of a client's export in client-service, with the other services' parts played by
 * {@link FakeExportParts}: sections and formats, all-or-nothing when a part fails, and 404 once erased.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
@QuarkusTestResource(FakeExportParts.class)
class ClientExportTest {

    @AfterEach
    void allPartsUp() {
        FakeExportParts.DOWN.clear();
    }

    @Test
    void assemblesEveryServicesPartIntoOneJsonDocument() {
        ClientApi.User client = ClientApi.client();
        ClientApi.create(client, ClientApi.fullProfile("Export Client")).then().statusCode(201);
        Response response = export(client, client, "json");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("Content-Disposition"))
                .matches("attachment; filename=\"therapyms-export-\\d{4}-\\d{2}-\\d{2}\\.json\"");
        JsonPath doc = response.jsonPath();
        assertThat(doc.getString("clientId")).isEqualTo(client.id());
        assertThat(doc.getString("exportedAt")).endsWith("Z");
        assertThat(doc.getString("client.profile.pronouns")).isEqualTo("she/her");
        assertThat(doc.getList("client.links")).isEmpty();
        assertThat(doc.getString("account.email")).isEqualTo(client.email());
        assertThat(doc.getList("therapists.therapists.name")).containsExactly("Dr Fake");
        assertThat(doc.getList("scheduling.sessions.sharedNotes")).containsExactly("Practise breathing");
        assertThat(doc.getList("journal.measures.score")).containsExactly(8, 21);
        assertThat(doc.getList("messaging.messages.content")).containsExactly("Hello");
        assertThat(export(client, client, null).statusCode()).as("json is the default").isEqualTo(200);
    }

    @Test
    void buildsAFhirCollectionBundleWithLoincCodedQuestionnaires() {
        ClientApi.User client = ClientApi.client();
        ClientApi.create(client, ClientApi.fullProfile("Export Client")).then().statusCode(201);
        Response response = export(client, client, "fhir");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/fhir+json");
        assertThat(response.header("Content-Disposition")).endsWith(".fhir.json\"");
        JsonPath bundle = response.jsonPath();
        assertThat(bundle.getString("resourceType")).isEqualTo("Bundle");
        assertThat(bundle.getString("type")).isEqualTo("collection");
        assertThat(bundle.getList("entry.resource.resourceType")).containsExactlyInAnyOrder("Patient", "Practitioner",
                "Appointment", "Observation", "QuestionnaireResponse", "Observation", "QuestionnaireResponse",
                "Observation", "Consent", "AuditEvent", "Communication");
        assertThat(bundle.getList("entry.fullUrl", String.class)).allMatch(url -> url.startsWith("urn:uuid:"));
        assertThat(bundle.getList("entry.resource.findAll { it.resourceType == 'QuestionnaireResponse' }.questionnaire"))
                .containsExactlyInAnyOrder("http://loinc.org/q/44249-1", "http://loinc.org/q/69737-5");
        assertThat(bundle.getString("entry.resource.find { it.resourceType == 'Patient' }.id")).isEqualTo(client.id());
        assertThat(bundle.getString("entry.resource.find { it.resourceType == 'Appointment' }.status"))
                .isEqualTo("fulfilled");
    }

    @Test
    void refusesTheWholeExportWhenAPartIsMissing() {
        ClientApi.User client = ClientApi.client();
        ClientApi.create(client, ClientApi.fullProfile("Export Client")).then().statusCode(201);
        for (String part : new String[] {"account", "therapists", "scheduling", "journal", "messaging"}) {
            FakeExportParts.DOWN.clear();
            FakeExportParts.DOWN.add(part);
            for (String format : new String[] {"json", "fhir"}) {
                Response response = export(client, client, format);
                assertThat(response.statusCode()).as("%s down, %s", part, format).isEqualTo(503);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.header("Retry-After")).isNotBlank();
                assertThat(response.asString()).doesNotContain("Dr Fake", "Practise breathing");
            }
        }
    }

    @Test
    void anErasedOrUnknownClientHasNoExport() {
        ClientApi.User client = ClientApi.client();
        ClientApi.create(client, ClientApi.fullProfile("Export Client")).then().statusCode(201);
        ClientApi.as(client).delete("/api/clients/{id}", client.id()).then().statusCode(204);
        ClientApi.User admin = ClientApi.admin();
        assertThat(export(admin, client, "json").statusCode()).isEqualTo(404);
        assertThat(export(admin, client, "fhir").statusCode()).isEqualTo(404);
        ClientApi.User unknown = new ClientApi.User(UUID.randomUUID().toString(), "client", null);
        assertThat(export(admin, unknown, "json").statusCode()).isEqualTo(404);
        assertThat(export(ClientApi.clientWithProfile(), ClientApi.clientWithProfile(), "json").statusCode())
                .as("another client").isEqualTo(403);
    }

    @Test
    void rejectsAnUnknownFormat() {
        ClientApi.User client = ClientApi.clientWithProfile();
        Response response = export(client, client, "xml");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).contains("format");
    }

    private static Response export(ClientApi.User caller, ClientApi.User client, String format) {
        var request = ClientApi.as(caller).accept("*/*");
        if (format != null) {
            request = request.queryParam("format", format);
        }
        return request.get("/api/clients/{id}/export", client.id());
    }
}
