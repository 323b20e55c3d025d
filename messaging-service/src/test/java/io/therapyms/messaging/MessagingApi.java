package io.therapyms.messaging;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.TestTokens;

/** Calls of the messaging API that many tests make; every test uses fresh users. */
public final class MessagingApi {

    private MessagingApi() {
    }

    public record User(String id, String role, String token) {
    }

    public static User newUser(String role) {
        String id = UUID.randomUUID().toString();
        return new User(id, role, TestTokens.forUser(id, role));
    }

    /**
     * A user whose token carries auth-service's {@code mfa_enrollment_required} claim (a role that must have
     * a second factor, none enrolled yet), signed with the test key like every other test token.
     */
    public static User mustEnrol(String id, String role) {
        java.time.Instant now = java.time.Instant.now();
        String token = io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject(id)
                .upn(id + "@test.local").groups(role).claim("jti", UUID.randomUUID().toString())
                .claim("mfa_enrollment_required", true).issuedAt(now).expiresAt(now.plusSeconds(600))
                .sign(TestTokens.PRIVATE_KEY_LOCATION);
        return new User(id, role, token);
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

    public static Response send(User from, User to, String content) {
        return as(from).body(Map.of("recipientId", to.id(), "content", content)).post("/api/messages");
    }

    /** Sends and returns the new message id; fails the test if that is not a 201. */
    public static String sent(User from, User to, String content) {
        return send(from, to, content).then().statusCode(201).extract().path("messageId");
    }

    public static Response markRead(User reader, String messageId) {
        return as(reader).body(Map.of("status", "read")).put("/api/messages/" + messageId);
    }

    /** The ids of everyone the user has a conversation with, as GET /api/conversations lists them. */
    public static java.util.List<String> conversationPartners(User user) {
        return as(user).get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .getList("items.withUserId", String.class);
    }

    /** The unread count the user sees for the conversation with {@code other} (0 when there is none). */
    public static int unread(User user, User other) {
        Integer count = as(user).get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .param("other", other.id())
                .get("items.find { it.withUserId == other }.unreadCount");
        return count == null ? 0 : count;
    }
}
