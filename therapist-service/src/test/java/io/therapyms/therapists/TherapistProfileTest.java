package io.therapyms.therapists;

import static io.therapyms.therapists.TherapistApi.as;
import static io.therapyms.therapists.TherapistApi.asAdmin;
import static io.therapyms.therapists.TherapistApi.createProfile;
import static io.therapyms.therapists.TherapistApi.newId;
import static io.therapyms.therapists.TherapistApi.profile;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TherapistProfileTest {

    @Test
    void aTherapistCreatesTheirProfileUnverifiedAndOnlyOnce() {
        String id = newId();
        createProfile(id, profile("Dr. Ada Stone", List.of("anxiety", "grief"), "Berlin", true)).then().statusCode(201)
                .body("therapistId", equalTo(id)).body("verified", equalTo(false))
                .body("expertise", contains("anxiety", "grief")).body("acceptingClients", equalTo(true));
        createProfile(id, profile("Dr. Ada Stone", List.of("anxiety"), "Berlin", true)).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void fieldsTheTherapistMayNotSetAreRejected() {
        Map<String, Object> body = new HashMap<>(profile("Dr. Verified Self", List.of("anxiety"), "Rome", true));
        body.put("verified", true);
        createProfile(newId(), body).then().statusCode(400);
        Map<String, Object> withId = new HashMap<>(profile("Dr. Other Id", List.of("anxiety"), "Rome", true));
        withId.put("therapistId", newId());
        createProfile(newId(), withId).then().statusCode(400);
    }

    @Test
    void invalidProfilesAreRejected() {
        createProfile(newId(), profile("", List.of("anxiety"), "Rome", true)).then().statusCode(400);
        createProfile(newId(), profile("Dr. No Expertise", List.of(), "Rome", true)).then().statusCode(400);
        createProfile(newId(), profile("x".repeat(201), List.of("anxiety"), "Rome", true)).then().statusCode(400);
        Map<String, Object> missingAccepting = new HashMap<>(profile("Dr. Missing", List.of("anxiety"), "Rome", true));
        missingAccepting.remove("acceptingClients");
        createProfile(newId(), missingAccepting).then().statusCode(400);
    }

    @Test
    void textWithNulOrOverlongFiltersIsRejected() {
        createProfile(newId(), profile("Dr. Nul\u0000Byte", List.of("anxiety"), "Rome", true)).then().statusCode(400);
        as(newId(), "client").queryParam("q", "x".repeat(201)).get("/api/therapists").then().statusCode(400);
    }

    @Test
    void onlyTherapistsCreateProfiles() {
        as(newId(), "client").body(profile("Client Pretending", List.of("anxiety"), "Rome", true))
                .post("/api/therapists").then().statusCode(403);
        asAdmin().body(profile("Admin Pretending", List.of("anxiety"), "Rome", true))
                .post("/api/therapists").then().statusCode(403);
    }

    @Test
    void theEmailIsShownOnlyToTheTherapistAndAdmins() {
        String id = TherapistApi.newVerifiedTherapist("Dr. Email Shown");
        as(id, "therapist").get("/api/therapists/" + id).then().statusCode(200)
                .body("email", not(nullValue()));
        asAdmin().get("/api/therapists/" + id).then().statusCode(200).body("email", not(nullValue()));
        as(newId(), "client").get("/api/therapists/" + id).then().statusCode(200)
                .body("name", equalTo("Dr. Email Shown")).body("$", not(org.hamcrest.Matchers.hasKey("email")));
    }

    @Test
    void anUnverifiedProfileIsHiddenFromOthers() {
        String id = TherapistApi.newTherapist("Dr. Not Yet");
        as(newId(), "client").get("/api/therapists/" + id).then().statusCode(404);
        as(id, "therapist").get("/api/therapists/" + id).then().statusCode(200).body("verified", equalTo(false));
        as(newId(), "client").get("/api/therapists/" + newId()).then().statusCode(404);
    }

    @Test
    void aTherapistNamesTheirTimeZoneWhichEveryoneSeesAndEditsKeep() {
        String id = newId();
        Map<String, Object> body = new HashMap<>(profile("Dr. Zoned", List.of("anxiety"), "Lisbon", true));
        body.put("timezone", "Europe/Lisbon");
        createProfile(id, body).then().statusCode(201).body("timezone", equalTo("Europe/Lisbon"));
        as(id, "therapist").body(Map.of("bio", "Mornings only")).put("/api/therapists/" + id).then().statusCode(200)
                .body("timezone", equalTo("Europe/Lisbon"));
        as(id, "therapist").body(Map.of("timezone", "America/Toronto")).put("/api/therapists/" + id).then()
                .statusCode(200).body("timezone", equalTo("America/Toronto"));
        asAdmin().get("/api/therapists/" + id).then().statusCode(200).body("timezone", equalTo("America/Toronto"));
        // a profile that names none leaves the field out
        String without = newId();
        createProfile(without, profile("Dr. Unzoned", List.of("anxiety"), "Rome", true)).then().statusCode(201)
                .body("$", not(org.hamcrest.Matchers.hasKey("timezone")));
    }

    @Test
    void aTimeZoneMustBeAnIanaRegion() {
        for (String bad : List.of("Mars/Olympus", "+01:00", "UTC+1", "", "x".repeat(65))) {
            Map<String, Object> body = new HashMap<>(profile("Dr. Bad Zone", List.of("anxiety"), "Rome", true));
            body.put("timezone", bad);
            createProfile(newId(), body).then().statusCode(400).contentType("application/problem+json");
        }
        String id = TherapistApi.newVerifiedTherapist("Dr. Keeps Zone");
        as(id, "therapist").body(Map.of("timezone", "Europe/Nowhere")).put("/api/therapists/" + id).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theTherapistEditsTheirProfileAndTheDirectoryFollows() {
        String id = TherapistApi.newVerifiedTherapist("Dr. Before Edit");
        String expertise = "edit-" + newId();
        as(id, "therapist").body(Map.of("name", "Dr. After Edit", "expertise", List.of(expertise), "acceptingClients", false))
                .put("/api/therapists/" + id).then().statusCode(200)
                .body("name", equalTo("Dr. After Edit")).body("acceptingClients", equalTo(false))
                .body("location", equalTo("Berlin")).body("verified", equalTo(true));
        as(newId(), "client").queryParam("expertise", expertise).get("/api/therapists").then().statusCode(200)
                .body("items.therapistId", contains(id)).body("items[0].name", equalTo("Dr. After Edit"));
        as(newId(), "client").queryParam("expertise", "anxiety").queryParam("q", "Dr. After Edit").get("/api/therapists")
                .then().statusCode(200).body("items.therapistId", not(hasItem(id)));
    }

    @Test
    void verifiedCannotBeEditedByTheTherapist() {
        String id = TherapistApi.newTherapist("Dr. Self Verify");
        as(id, "therapist").body(Map.of("verified", true)).put("/api/therapists/" + id).then().statusCode(400);
        as(id, "therapist").get("/api/therapists/" + id).then().body("verified", equalTo(false));
    }

    @Test
    void othersCannotEditAProfile() {
        String id = TherapistApi.newVerifiedTherapist("Dr. Untouchable");
        as(newId(), "therapist").body(Map.of("name", "Hacked")).put("/api/therapists/" + id).then().statusCode(403);
        as(newId(), "client").body(Map.of("name", "Hacked")).put("/api/therapists/" + id).then().statusCode(403);
        asAdmin().body(Map.of("name", "Dr. Renamed By Admin")).put("/api/therapists/" + id).then().statusCode(200);
        as(id, "therapist").get("/api/therapists/" + id).then().body("name", equalTo("Dr. Renamed By Admin"));
    }

    @Test
    void anAdminVerifiesAndUnverifies() {
        String id = TherapistApi.newTherapist("Dr. To Verify");
        String location = "verify-" + newId();
        as(id, "therapist").body(Map.of("location", location)).put("/api/therapists/" + id).then().statusCode(200);
        as(newId(), "client").queryParam("location", location).get("/api/therapists").then().body("items", org.hamcrest.Matchers.empty());
        TherapistApi.verify(id, true);
        as(newId(), "client").queryParam("location", location).get("/api/therapists").then().body("items.therapistId", contains(id));
        TherapistApi.verify(id, false);
        as(newId(), "client").queryParam("location", location).get("/api/therapists").then().body("items", org.hamcrest.Matchers.empty());
        asAdmin().queryParam("location", location).queryParam("verified", false).get("/api/therapists").then()
                .statusCode(200).body("items.therapistId", contains(id));
        as(newId(), "client").queryParam("verified", false).get("/api/therapists").then().statusCode(403);
        as(id, "therapist").body(Map.of("verified", true)).post("/api/therapists/" + id + "/verification").then().statusCode(403);
        asAdmin().body(Map.of("verified", true)).post("/api/therapists/" + newId() + "/verification").then().statusCode(404);
        asAdmin().body(Map.of()).post("/api/therapists/" + id + "/verification").then().statusCode(400);
    }

    @Test
    void deletingAProfileRemovesItFromTheDirectoryAndEndsItsLinks() {
        String id = TherapistApi.newVerifiedTherapist("Dr. Leaving Soon");
        String client = newId();
        TherapistApi.link(client, id);
        as(newId(), "therapist").delete("/api/therapists/" + id).then().statusCode(403);
        as(id, "therapist").delete("/api/therapists/" + id).then().statusCode(204);
        as(newId(), "client").get("/api/therapists/" + id).then().statusCode(404);
        as(newId(), "client").queryParam("q", "Dr. Leaving Soon").get("/api/therapists").then()
                .body("items.therapistId", not(hasItem(id)));
        as(client, "client").delete("/api/mappings/" + client + "/" + id).then().statusCode(404);
        as(id, "therapist").delete("/api/therapists/" + id).then().statusCode(404);
    }

    @Test
    void theCaseloadListsLinkedClientsWithTheirNames() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Caseload");
        String first = newId();
        String second = newId();
        TherapistApi.link(first, therapist);
        TherapistApi.link(second, therapist);
        String pending = newId();
        TherapistApi.requestMapping(pending, therapist).then().statusCode(201);
        as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").then().statusCode(200)
                .body("items.clientId", contains(first, second)).body("items[0].linkedAt", not(nullValue()));
        as(therapist, "therapist").queryParam("limit", 1).get("/api/therapists/" + therapist + "/clients").then()
                .body("items.clientId", contains(first)).body("nextCursor", not(nullValue()));
        as(first, "client").get("/api/therapists/" + therapist + "/clients").then().statusCode(403);
        asAdmin().get("/api/therapists/" + therapist + "/clients").then().statusCode(200);
    }
}
