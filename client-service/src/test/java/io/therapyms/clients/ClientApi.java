package io.therapyms.clients;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.TestTokens;

/** Calls of the client API that many tests make; every test uses fresh users. */
public final class ClientApi {

    private ClientApi() {
    }

    /** A user with a minted token; the token's upn is {@code <id>@test.local}. */
    public record User(String id, String role, String token) {
        public String email() {
            return id + "@test.local";
        }
    }

    public static User newUser(String role) {
        String id = UUID.randomUUID().toString();
        return new User(id, role, TestTokens.forUser(id, role));
    }

    public static User client() {
        return newUser("client");
    }

    public static User therapist() {
        return newUser("therapist");
    }

    public static User admin() {
        return newUser("admin");
    }

    public static RequestSpecification as(User user) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return user == null ? request : request.header("Authorization", "Bearer " + user.token());
    }

    /** A name no other test uses, so name-prefix searches see only this test's clients. */
    public static String uniqueName(String first) {
        return first + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Response create(User client, Map<String, ?> body) {
        return as(client).body(body).post("/api/clients");
    }

    /** Creates the client's profile with just a name; fails the test if that is not a 201. */
    public static User withProfile(User client, String name) {
        create(client, Map.of("name", name)).then().statusCode(201);
        return client;
    }

    public static User clientWithProfile() {
        return withProfile(client(), uniqueName("Client"));
    }

    public static Map<String, Object> fullProfile(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("phone", "+49 30 1234567");
        body.put("dateOfBirth", "1990-04-12");
        body.put("timezone", "Europe/Berlin");
        body.put("pronouns", "she/her");
        return body;
    }
}
