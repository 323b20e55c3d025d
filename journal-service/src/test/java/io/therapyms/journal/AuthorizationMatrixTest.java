package io.therapyms.journal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

/** Every endpoint × every kind of caller, with the status each must get. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest extends JournalTestSupport {

    record Call(String name, Function<RequestSpecification, Integer> send) {
    }

    @Test
    void everyEndpointAnswersEveryCallerAsSpecified() {
        String owner = id("client");
        String otherClient = id("client");
        String granted = id("therapist");
        String linked = id("therapist");
        String unlinked = id("therapist");
        String admin = id("admin");
        String entryId = entry(owner, "matrix", false);
        grant(owner, granted);
        link(owner, linked);
        String pendingRequest = requestAccess(linked, owner, null);
        String j = "/api/journals/" + owner;
        Map<String, Object> newEntry = Map.of("content", "c", "feeling", "calm", "intensity", 2);
        Map<String, Object> newMeasure = Map.of("instrument", "GAD-7", "answers", List.of(0, 1, 2, 3, 0, 1, 2));

        List<Call> calls = List.of(
                new Call("POST entry", r -> r.body(newEntry).post(j).statusCode()),
                new Call("GET list", r -> r.get(j).statusCode()),
                new Call("GET entry", r -> r.get(j + "/" + entryId).statusCode()),
                new Call("PUT entry", r -> r.body(Map.of("intensity", 3)).put(j + "/" + entryId).statusCode()),
                new Call("GET insights", r -> r.get(j + "/insights").statusCode()),
                new Call("GET access-log", r -> r.get(j + "/access-log").statusCode()),
                new Call("POST measure", r -> r.body(newMeasure).post(j + "/measures").statusCode()),
                new Call("GET measures", r -> r.get(j + "/measures").statusCode()),
                new Call("POST access request", r -> r.body(Map.of("clientId", owner))
                        .post("/api/journal-access-requests").statusCode()),
                new Call("GET access requests", r -> r.get("/api/journal-access-requests").statusCode()),
                new Call("PUT access request (reject)", r -> r.body(Map.of("status", "rejected"))
                        .put("/api/journal-access-requests/" + pendingRequest).statusCode()),
                new Call("DELETE entry", r -> r.delete(j + "/" + entryId).statusCode()));

        // columns: anonymous, owner, other client, granted therapist, linked therapist (no grant), unlinked, admin
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("POST entry", new int[] { 401, 201, 404, 403, 403, 404, 403 });
        expected.put("GET list", new int[] { 401, 200, 404, 200, 403, 404, 403 });
        expected.put("GET entry", new int[] { 401, 200, 404, 200, 403, 404, 403 });
        expected.put("PUT entry", new int[] { 401, 200, 404, 403, 403, 404, 403 });
        expected.put("GET insights", new int[] { 401, 200, 404, 200, 403, 404, 403 });
        expected.put("GET access-log", new int[] { 401, 200, 404, 403, 403, 404, 200 });
        expected.put("POST measure", new int[] { 401, 201, 404, 403, 403, 404, 403 });
        expected.put("GET measures", new int[] { 401, 200, 404, 200, 403, 404, 403 });
        expected.put("POST access request", new int[] { 401, 403, 403, 409, 409, 404, 403 });
        expected.put("GET access requests", new int[] { 401, 200, 200, 200, 200, 200, 200 });
        expected.put("PUT access request (reject)", new int[] { 401, 200, 404, 404, 403, 404, 403 });
        expected.put("DELETE entry", new int[] { 401, 204, 404, 403, 403, 404, 403 });

        List<String> callers = List.of("anonymous", "owner", "other client", "granted therapist",
                "linked therapist", "unlinked therapist", "admin");
        List<Function<Void, RequestSpecification>> specs = List.of(
                v -> given().contentType(ContentType.JSON),
                v -> as(owner, "client"), v -> as(otherClient, "client"), v -> as(granted, "therapist"),
                v -> as(linked, "therapist"), v -> as(unlinked, "therapist"), v -> as(admin, "admin"));

        List<String> mismatches = new ArrayList<>();
        // the owner's column changes state (PUT reject, DELETE): run the owner last for those rows
        int[] order = { 0, 2, 3, 4, 5, 6, 1 };
        for (Call call : calls) {
            int[] row = expected.get(call.name());
            for (int c : order) {
                int status = call.send().apply(specs.get(c).apply(null));
                if (status != row[c]) {
                    mismatches.add(call.name() + " as " + callers.get(c) + ": expected " + row[c] + " got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(TestTokens.expired(owner, "client")).isNotBlank();
        given().auth().oauth2(TestTokens.expired(owner, "client")).get(j).then().statusCode(401);
    }
}
