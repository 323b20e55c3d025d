package io.therapyms.platform.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ProblemJsonTest {

    @Test
    void reportsEachInvalidFieldByItsJsonName() {
        postThing("{\"name\": \"\", \"intensity\": 11, \"slots\": [{\"startTime\": null, \"minutes\": 5}]}")
                .statusCode(400)
                .body("type", containsString("validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("intensity"))
                .body("errors.field", hasItem("slots[0].startTime"))
                .body("errors.field", hasItem("slots[0].minutes"));
    }

    @Test
    void rejectsUnknownAndReadOnlyFields() {
        postThing("{\"name\": \"a\", \"role\": \"admin\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("role"));
    }

    @Test
    void rejectsWrongJsonTypesInsteadOfCoercingThem() {
        postThing("{\"name\": 12}").statusCode(400).body("errors[0].field", equalTo("name"));
        postThing("{\"name\": \"a\", \"intensity\": \"7\"}").statusCode(400).body("errors[0].field", equalTo("intensity"));
        postThing("{\"name\": \"a\", \"flag\": 1}").statusCode(400).body("errors[0].field", equalTo("flag"));
    }

    @Test
    void rejectsMalformedJson() {
        postThing("{\"name\": ").statusCode(400).body("title", equalTo("Malformed JSON"));
        postThing("{\"name\": \"a\"} trailing").statusCode(400);
    }

    @Test
    void rejectsNulCharactersAndLoneSurrogates() {
        postThing("{\"name\": \"a\\u0000b\"}").statusCode(400).body("errors[0].field", equalTo("name"));
        postThing("{\"name\": \"a\\ud800b\"}").statusCode(400).body("errors[0].field", equalTo("name"));
        postThing("{\"name\": \"a\\udc00\"}").statusCode(400);
        postThing("{\"name\": \"smile \\ud83d\\ude00\"}").statusCode(200);
    }

    @Test
    void rejectsBodiesOverOneMebibyteWith413() {
        String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        postThing(big).statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void rejectsNonJsonBodiesWith415() {
        given().header("Authorization", bearer("client")).contentType(ContentType.TEXT).body("name=a")
                .when().post("/probe/things")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void answersUnknownPathsWithProblem404() {
        given().when().get("/no/such/thing")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void mapsDomainExceptionsToTheirStatus() {
        given().contentType(ContentType.JSON).when().post("/probe/conflict")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("That slot is already booked."));
    }

    @Test
    void neverLeaksInternalsOfUnexpectedFailures() {
        given().when().get("/probe/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .body(allOf(not(containsString("DynamoDB")), not(containsString("Exception")),
                        not(containsString("com.example")), not(containsString("at "))));
    }

    @Test
    void validatesPagingLimits() {
        given().queryParam("limit", 201).when().get("/probe/page").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", 0).when().get("/probe/page").then().statusCode(400);
        given().queryParam("limit", "ten").when().get("/probe/page").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().get("/probe/page").then().statusCode(200).body("limit", equalTo(50));
    }

    @Test
    void requiresAValidBearerToken() {
        given().when().get("/probe/me")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
        String userId = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer " + TestTokens.forUser(userId, "therapist"))
                .when().get("/probe/me")
                .then().statusCode(200).body("userId", equalTo(userId)).body("role", equalTo("THERAPIST"));
    }

    @Test
    void refusesTamperedExpiredUnsignedAndForeignTokens() {
        String userId = UUID.randomUUID().toString();
        String good = TestTokens.forUser(userId, "client");
        for (String bad : new String[] {
                TestTokens.tampered(good),
                TestTokens.expired(userId, "client"),
                TestTokens.algNone(userId, "client"),
                TestTokens.withAudience(userId, "client", "someone-else"),
                TestTokens.withIssuer(userId, "client", "https://evil.example"),
                TestTokens.signedByOtherKey(userId, "client") }) {
            given().header("Authorization", "Bearer " + bad).when().get("/probe/me")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void forbidsRolesThatAreNotAllowed() {
        given().header("Authorization", bearer("client")).when().get("/probe/admin-only")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", bearer("admin")).when().get("/probe/admin-only")
                .then().statusCode(200).body("userId", notNullValue());
    }

    private static ValidatableResponse postThing(String json) {
        return given().header("Authorization", bearer("client")).contentType(ContentType.JSON).body(json)
                .when().post("/probe/things").then();
    }

    private static String bearer(String role) {
        return "Bearer " + TestTokens.forUser(UUID.randomUUID().toString(), role);
    }
}
