package io.therapyms.therapists;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.TestTokens;

/** Calls of the therapist API that many tests make; every test uses fresh ids. */
public final class TherapistApi {

    private TherapistApi() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static String token(String userId, String role) {
        return "Bearer " + TestTokens.forUser(userId, role);
    }

    public static String admin() {
        return token(newId(), "admin");
    }

    public static RequestSpecification as(String userId, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", token(userId, role));
    }

    public static RequestSpecification asAdmin() {
        return given().contentType(ContentType.JSON).header("Authorization", admin());
    }

    public static Map<String, Object> profile(String name, List<String> expertise, String location, boolean accepting) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("expertise", expertise);
        body.put("location", location);
        body.put("bio", "Bio of " + name);
        body.put("languages", List.of("en"));
        body.put("acceptingClients", accepting);
        return body;
    }

    public static Response createProfile(String therapistId, Map<String, Object> body) {
        return as(therapistId, "therapist").body(body).post("/api/therapists");
    }

    /** A therapist with a profile, not yet verified. */
    public static String newTherapist(String name) {
        String id = newId();
        createProfile(id, profile(name, List.of("anxiety"), "Berlin", true)).then().statusCode(201);
        return id;
    }

    public static void verify(String therapistId, boolean verified) {
        asAdmin().body(Map.of("verified", verified)).post("/api/therapists/" + therapistId + "/verification")
                .then().statusCode(204);
    }

    /** A verified therapist with a profile. */
    public static String newVerifiedTherapist(String name) {
        String id = newTherapist(name);
        verify(id, true);
        return id;
    }

    public static Response requestMapping(String clientId, String therapistId) {
        return as(clientId, "client").body(Map.of("therapistId", therapistId)).post("/api/mapping-requests");
    }

    public static Response decide(String userId, String role, String requestId, String status) {
        return as(userId, role).body(Map.of("status", status)).put("/api/mapping-requests/" + requestId);
    }

    /** Links a (new) client to a verified therapist through request and approval. */
    public static void link(String clientId, String therapistId) {
        String requestId = requestMapping(clientId, therapistId).then().statusCode(201).extract().path("mappingRequestId");
        decide(therapistId, "therapist", requestId, "approved").then().statusCode(200);
    }
}
