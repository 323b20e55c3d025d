package io.therapyms.clients;

import static io.therapyms.clients.ClientApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.therapyms.devstack.DevStackResource;

/** GET /api/clients for each role: the admin directory, a therapist's linked clients, a client's own profile. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ClientListTest {

    @Inject
    TherapistEvents therapists;

    @Test
    void anAdminPagesThroughEveryClientByNamePrefix() {
        String family = ClientApi.uniqueName("Zed").replace(" ", "").toLowerCase();
        List<String> ids = new ArrayList<>();
        for (String given : List.of("c", "a", "b")) {
            ids.add(ClientApi.withProfile(ClientApi.client(), family + " " + given).id());
        }
        ClientApi.User admin = ClientApi.admin();

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(admin).queryParam("q", family.toUpperCase()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/clients").then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("items.name", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(names).containsExactly(family + " a", family + " b", family + " c");
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theNamePrefixMatchesTheStartOfTheNameOnly() {
        String unique = ClientApi.uniqueName("Quincy").replace(" ", "");
        ClientApi.withProfile(ClientApi.client(), unique + " Smith");
        ClientApi.withProfile(ClientApi.client(), "Smith " + unique);
        as(ClientApi.admin()).queryParam("q", unique.toLowerCase()).get("/api/clients").then().statusCode(200)
                .body("items.name", equalTo(List.of(unique + " Smith")));
    }

    @Test
    void aTamperedCursorIsRefused() {
        String family = ClientApi.uniqueName("Tam").replace(" ", "");
        ClientApi.withProfile(ClientApi.client(), family + " 1");
        ClientApi.withProfile(ClientApi.client(), family + " 2");
        ClientApi.User admin = ClientApi.admin();
        String cursor = as(admin).queryParam("q", family).queryParam("limit", 1).get("/api/clients")
                .then().statusCode(200).extract().path("nextCursor");
        assertThat(cursor).isNotNull();

        String tampered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        as(admin).queryParam("q", family).queryParam("cursor", tampered).get("/api/clients").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin).queryParam("q", family).queryParam("cursor", "garbage").get("/api/clients").then().statusCode(400);
        // a genuine cursor replayed against another query is refused too
        as(admin).queryParam("q", family + "x").queryParam("cursor", cursor).get("/api/clients").then().statusCode(400);
        as(admin).queryParam("q", family).queryParam("cursor", cursor).get("/api/clients").then().statusCode(200)
                .body("items.name", equalTo(List.of(family + " 2")));
    }

    @Test
    void limitOutsideOneToTwoHundredIsRefused() {
        ClientApi.User admin = ClientApi.admin();
        as(admin).queryParam("limit", 201).get("/api/clients").then().statusCode(400);
        as(admin).queryParam("limit", 0).get("/api/clients").then().statusCode(400);
        as(admin).queryParam("limit", "ten").get("/api/clients").then().statusCode(400);
        as(admin).queryParam("limit", 200).get("/api/clients").then().statusCode(200);
    }

    @Test
    void aTherapistListsOnlyLinkedClientsAndSearchesThemByName() {
        ClientApi.User therapist = ClientApi.therapist();
        String tag = ClientApi.uniqueName("Lin").replace(" ", "");
        ClientApi.User anna = ClientApi.withProfile(ClientApi.client(), tag + " Anna");
        ClientApi.User bert = ClientApi.withProfile(ClientApi.client(), tag + " Bert");
        ClientApi.withProfile(ClientApi.client(), tag + " Unlinked");
        therapists.link(anna, therapist);
        therapists.link(bert, therapist);

        as(therapist).get("/api/clients").then().statusCode(200)
                .body("items.clientId", equalTo(List.of(anna.id(), bert.id())))
                .body("nextCursor", nullValue());
        as(therapist).queryParam("q", (tag + " b").toUpperCase()).get("/api/clients").then().statusCode(200)
                .body("items.clientId", equalTo(List.of(bert.id())));

        JsonPath first = as(therapist).queryParam("limit", 1).get("/api/clients").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("items.clientId", String.class)).containsExactly(anna.id());
        // a cursor from one therapist's list is no good for another's
        as(ClientApi.therapist()).queryParam("cursor", first.getString("nextCursor")).get("/api/clients").then().statusCode(400);
        as(therapist).queryParam("cursor", first.getString("nextCursor")).get("/api/clients").then().statusCode(200)
                .body("items.clientId", equalTo(List.of(bert.id())));
    }

    @Test
    void aTherapistSearchFollowsARename() {
        ClientApi.User therapist = ClientApi.therapist();
        String tag = ClientApi.uniqueName("Ren").replace(" ", "");
        ClientApi.User client = ClientApi.withProfile(ClientApi.client(), "Old" + tag);
        therapists.link(client, therapist);
        as(client).body(Map.of("name", "New" + tag)).put("/api/clients/" + client.id()).then().statusCode(200);

        as(therapist).queryParam("q", "new" + tag).get("/api/clients").then().statusCode(200)
                .body("items.clientId", equalTo(List.of(client.id())));
        as(therapist).queryParam("q", "old" + tag).get("/api/clients").then().statusCode(200)
                .body("items", equalTo(List.of()));
    }

    @Test
    void aLinkApprovedBeforeTheProfileExistedIsSearchableOnceItDoes() {
        ClientApi.User therapist = ClientApi.therapist();
        ClientApi.User client = ClientApi.client();
        therapists.link(client, therapist);
        String name = ClientApi.uniqueName("Late").replace(" ", "");
        ClientApi.withProfile(client, name);
        as(therapist).queryParam("q", name).get("/api/clients").then().statusCode(200)
                .body("items.clientId", equalTo(List.of(client.id())));
    }

    @Test
    void aClientPagesThroughTheirTherapistsOldestLinkFirst() {
        ClientApi.User client = ClientApi.client();
        ClientApi.User first = ClientApi.therapist();
        ClientApi.User second = ClientApi.therapist();
        therapists.link(client, first);
        therapists.link(client, second);
        String path = "/api/clients/" + client.id() + "/therapists";

        JsonPath page1 = as(client).queryParam("limit", 1).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(page1.getList("items.therapistId", String.class)).containsExactly(first.id());
        String cursor = page1.getString("nextCursor");
        as(client).queryParam("cursor", cursor).get(path).then().statusCode(200)
                .body("items.therapistId", equalTo(List.of(second.id())));

        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        as(client).queryParam("cursor", tampered).get(path).then().statusCode(400);
        // the same cursor is no good for another client's list, even for an admin
        ClientApi.User other = ClientApi.clientWithProfile();
        as(ClientApi.admin()).queryParam("cursor", cursor).get("/api/clients/" + other.id() + "/therapists").then().statusCode(400);
    }

    @Test
    void aClientListsOnlyThemself() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.clientWithProfile();
        as(client).get("/api/clients").then().statusCode(200)
                .body("items.clientId", equalTo(List.of(client.id())))
                .body("nextCursor", nullValue());
        as(ClientApi.client()).get("/api/clients").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void anonymousCallersCannotList() {
        as(null).get("/api/clients").then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    }
}
