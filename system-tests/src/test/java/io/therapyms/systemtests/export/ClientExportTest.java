package io.therapyms.systemtests.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.therapyms.devstack.Apps;
import io.therapyms.devstack.LocalStack;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Journal;
import io.therapyms.systemtests.support.Messages;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.User;
import org.awaitility.Awaitility;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #22, the client's right of access: one client with every kind of data (profile, link, a session with a
 * shared and a private note, journal entries with moods, a grant and its access log, messages both ways), exported
 * through the gateway as JSON and as a FHIR R4 Bundle that the HAPI FHIR validator accepts without an error.
 */
@ExtendWith(SystemStack.class)
class ClientExportTest {

    @Test
    void exportsEverythingHeldAboutTheClientAsJsonAndValidFhir(Api api, LocalStack stack) {
        String marker = Api.randomHex(6);
        String sharedNote = "SHARED-" + marker + " breathing exercise twice a day";
        String privateNote = "PRIVATE-" + marker + " consider the family history";
        Api.Pair pair = api.linkedPair();
        User client = pair.client();
        User therapist = pair.therapist();
        Response profile = api.as(client).body(Map.of("phone", "+49 30 1234567", "dateOfBirth", "1990-04-02",
                "pronouns", "she/her")).put("/api/clients/{id}", client.id());
        assertThat(profile.statusCode()).as(profile.asString()).isEqualTo(200);

        String slotId = Slots.create(api, therapist, 1).get(0);
        String appointmentRequestId = Slots.request(api, client, slotId);
        Response approved = api.as(therapist).body(Map.of("status", "approved"))
                .put("/api/appointment-requests/{id}", appointmentRequestId);
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        List<Map<String, Object>> sessions = new ArrayList<>();
        Api.eventually().untilAsserted(() -> {
            sessions.clear();
            sessions.addAll(Slots.sessionsOf(api, therapist, slotId));
            assertThat(sessions).hasSize(1);
        });
        String sessionId = (String) sessions.get(0).get("sessionId");
        Response notes = api.as(therapist).body(Map.of("sharedNotes", sharedNote, "privateNotes", privateNote))
                .put("/api/sessions/{id}", sessionId);
        assertThat(notes.statusCode()).as(notes.asString()).isEqualTo(200);

        String calm = Journal.write(api, client, "Walked by the river.", "calm", 3, false);
        String hidden = Journal.write(api, client, "Not ready to share this.", "ashamed", 8, true);
        Response asked = api.as(therapist).body(Map.of("clientId", client.id(), "reason", "prepare our session"))
                .post("/api/journal-access-requests");
        assertThat(asked.statusCode()).as(asked.asString()).isEqualTo(201);
        String grantId = asked.path("journalAccessRequestId");
        assertThat(api.as(client).body(Map.of("status", "approved")).put("/api/journal-access-requests/{id}", grantId)
                .statusCode()).isEqualTo(200);
        assertThat(api.as(therapist).get("/api/journals/{id}", client.id()).statusCode()).isEqualTo(200);

        String phq9 = measure(api, client, "PHQ-9", List.of(1, 2, 1, 0, 1, 2, 1, 0, 0));
        String gad7 = measure(api, client, "GAD-7", List.of(2, 2, 1, 1, 0, 1, 2));

        String fromClient = Messages.send(api, client, therapist, "See you on Tuesday " + marker);
        String fromTherapist = Messages.send(api, therapist, client, "Looking forward to it " + marker);

        // client-service learns the link from therapists.events; wait until its part shows it.
        Api.eventually().untilAsserted(() -> assertThat(export(api, client, client, "json").jsonPath()
                .getList("client.links.therapistId")).containsExactly(therapist.id()));

        Response json = export(api, client, client, "json");
        assertThat(json.statusCode()).as(json.asString()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.header("Content-Disposition")).matches("attachment; filename=\"therapyms-export-\\d{4}-\\d{2}-\\d{2}\\.json\"");
        String jsonText = json.asString();
        assertThat(jsonText).doesNotContain("PRIVATE-" + marker).doesNotContain("privateNotes")
                .doesNotContainIgnoringCase("passwordHash").doesNotContainIgnoringCase("secret");
        JsonPath doc = json.jsonPath();
        assertThat(doc.getString("clientId")).isEqualTo(client.id());
        assertThat(doc.getString("exportedAt")).endsWith("Z");
        assertThat(doc.getString("account.email")).isEqualTo(client.credentials().email());
        assertThat(doc.getString("account.role")).isEqualTo("client");
        assertThat(doc.getBoolean("account.mfa.totp")).isFalse();
        assertThat(doc.getString("client.profile.phone")).isEqualTo("+49 30 1234567");
        assertThat(doc.getString("client.profile.pronouns")).isEqualTo("she/her");
        assertThat(doc.getList("therapists.mappingRequests.therapistId")).containsExactly(therapist.id());
        assertThat(doc.getList("therapists.therapists.therapistId")).containsExactly(therapist.id());
        assertThat(doc.getList("scheduling.sessions.sessionId")).containsExactly(sessionId);
        assertThat(doc.getList("scheduling.sessions.sharedNotes")).containsExactly(sharedNote);
        assertThat(doc.getList("scheduling.appointmentRequests.appointmentRequestId")).containsExactly(appointmentRequestId);
        assertThat(doc.getList("journal.entries.journalEntryId")).containsExactlyInAnyOrder(calm, hidden);
        assertThat(doc.getList("journal.accessRequests.status")).containsExactly("approved");
        assertThat(doc.getList("journal.accessLog.action")).contains("list");
        assertThat(doc.getList("journal.measures.measureId")).containsExactlyInAnyOrder(phq9, gad7);
        assertThat(doc.getList("journal.measures.score")).containsExactlyInAnyOrder(8, 9);
        assertThat(doc.getList("messaging.messages.messageId")).containsExactly(fromClient, fromTherapist);

        Response fhir = export(api, client, client, "fhir");
        assertThat(fhir.statusCode()).as(fhir.asString()).isEqualTo(200);
        assertThat(fhir.contentType()).startsWith("application/fhir+json");
        assertThat(fhir.header("Content-Disposition")).matches("attachment; filename=\"therapyms-export-\\d{4}-\\d{2}-\\d{2}\\.fhir\\.json\"");
        String fhirText = fhir.asString();
        assertThat(fhirText).doesNotContain("PRIVATE-" + marker).contains("SHARED-" + marker);

        FhirContext context = FhirContext.forR4();
        Bundle bundle = context.newJsonParser().parseResource(Bundle.class, fhirText);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        Map<String, Long> types = bundle.getEntry().stream().collect(Collectors.groupingBy(
                e -> e.getResource().fhirType(), Collectors.counting()));
        assertThat(types).containsEntry("Patient", 1L).containsEntry("Practitioner", 1L)
                .containsEntry("Appointment", 1L).containsEntry("Observation", 4L)
                .containsEntry("QuestionnaireResponse", 2L).containsEntry("Consent", 1L)
                .containsEntry("Communication", 2L).containsKey("AuditEvent");
        assertThat(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(QuestionnaireResponse.class::isInstance).map(r -> ((QuestionnaireResponse) r).getQuestionnaire()))
                .containsExactlyInAnyOrder("http://loinc.org/q/44249-1", "http://loinc.org/q/69737-5");
        assertThat(fhirText).contains("\"44261-6\"", "\"70274-6\"");

        ValidationResult result = validator(context).validateWithResult(fhirText);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        result.getMessages().stream().filter(m -> !errors.contains(m)).forEach(m -> System.out.printf(
                "system-tests: FHIR validator %s at %s: %s%n", m.getSeverity(), m.getLocationString(), m.getMessage()));
        assertThat(errors).as("FHIR validation errors: %s", errors.stream()
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList()).isEmpty();

        // Who may export: the client and an admin; everyone else is refused.
        User stranger = api.client();
        User admin = api.admin();
        assertThat(export(api, admin, client, "json").statusCode()).isEqualTo(200);
        assertThat(export(api, admin, client, "fhir").statusCode()).isEqualTo(200);
        assertThat(export(api, stranger, client, "json").statusCode()).isEqualTo(403);
        assertThat(export(api, therapist, client, "json").statusCode()).isEqualTo(403);
        assertThat(api.anonymous().get("/api/clients/{id}/export", client.id()).statusCode()).isEqualTo(401);
        assertThat(export(api, client, client, "xml").statusCode()).isEqualTo(400);

        // The parts are served by each service on its own port only; the gateway routes none of /internal.
        assertThat(api.as(client).get("/internal/export/clients/{id}", client.id()).statusCode()).isEqualTo(404);
        for (Apps service : List.of(Apps.AUTH_SERVICE, Apps.THERAPIST_SERVICE, Apps.SCHEDULING_SERVICE,
                Apps.JOURNAL_SERVICE, Apps.MESSAGING_SERVICE)) {
            String base = stack.serviceUrl(service);
            assertThat(part(base, client, client)).as("%s, the client", service).isEqualTo(200);
            assertThat(part(base, admin, client)).as("%s, an admin", service).isEqualTo(200);
            assertThat(part(base, stranger, client)).as("%s, another client", service).isEqualTo(403);
            assertThat(part(base, therapist, client)).as("%s, the linked therapist", service).isEqualTo(403);
            assertThat(part(base, null, client)).as("%s, anonymous", service).isEqualTo(401);
        }

        // A service that does not answer: no export at all, never a partial one. Stopped, not killed: the stack is
        // shared with the next tests, and a killed consumer stalls its group for the session timeout.
        stack.stop(Apps.MESSAGING_SERVICE);
        try {
            Response unavailable = export(api, client, client, "json");
            assertThat(unavailable.statusCode()).as(unavailable.asString()).isEqualTo(503);
            assertThat(unavailable.contentType()).startsWith("application/problem+json");
            assertThat(unavailable.asString()).doesNotContain(marker);
        } finally {
            stack.restart(Apps.MESSAGING_SERVICE);
            // Leave the shared stack as found: the restarted instance consumes again (its group has rebalanced)
            // once a new link's notification arrives.
            Awaitility.await("messaging-service consuming after its restart").atMost(Duration.ofMinutes(2))
                    .ignoreExceptions().until(() -> api.linkedPair() != null);
        }

        // Erased: nothing left to export.
        assertThat(api.as(client).delete("/api/clients/{id}", client.id()).statusCode()).isEqualTo(204);
        assertThat(export(api, admin, client, "json").statusCode()).isEqualTo(404);
        assertThat(export(api, admin, client, "fhir").statusCode()).isEqualTo(404);
    }

    private static Response export(Api api, User caller, User client, String format) {
        return api.as(caller).accept("*/*").queryParam("format", format).get("/api/clients/{id}/export", client.id());
    }

    private static String measure(Api api, User client, String instrument, List<Integer> answers) {
        Response created = api.as(client).body(Map.of("instrument", instrument, "answers", answers))
                .post("/api/journals/{id}/measures", client.id());
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.path("measureId");
    }

    private static int part(String serviceUrl, User caller, User client) {
        var request = RestAssured.given().baseUri(serviceUrl);
        if (caller != null) {
            request = request.auth().oauth2(caller.accessToken());
        }
        return request.get("/internal/export/clients/{id}", client.id()).statusCode();
    }

    static FhirValidator validator(FhirContext context) {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        return context.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }
}
