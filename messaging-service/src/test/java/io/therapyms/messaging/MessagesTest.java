package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static io.therapyms.messaging.MessagingApi.send;
import static io.therapyms.messaging.MessagingApi.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.messaging.MessagingApi.User;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MessagesTest {

    @Inject
    PlatformEvents events;

    @Test
    void linkedPartiesExchangeMessagesWithTheDocumentedShape() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);

        send(client, therapist, "Hello there").then().statusCode(201)
                .body("messageId", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("senderId", equalTo(client.id()))
                .body("recipientId", equalTo(therapist.id()))
                .body("content", equalTo("Hello there"))
                .body("status", equalTo("sent"))
                .body("timestamp", org.hamcrest.Matchers.endsWith("Z"))
                .body("edited", equalTo(false))
                .body("deleted", equalTo(false));
        sent(therapist, client, "Hi back");
    }

    @Test
    void unlinkedOrEndedPairsCannotMessage() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        send(client, therapist, "hello").then().statusCode(403);

        events.link(client, therapist);
        sent(client, therapist, "while linked");
        events.unlink(client, therapist);
        send(client, therapist, "after the end").then().statusCode(403);
        send(therapist, client, "after the end").then().statusCode(403);
        // the history stays readable
        assertThat(as(client).get("/api/messages?with=" + therapist.id()).then().statusCode(200)
                .extract().jsonPath().getList("items.content", String.class)).containsExactly("while linked");
    }

    @Test
    void twoClientsOrTwoTherapistsOrSelfCannotMessage() {
        User client = MessagingApi.client();
        User other = MessagingApi.client();
        send(client, other, "hi").then().statusCode(403);
        send(client, client, "hi").then().statusCode(403);
    }

    @Test
    void invalidBodiesAreRejected() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        send(client, therapist, "x".repeat(5001)).then().statusCode(400);
        send(client, therapist, "x".repeat(5000)).then().statusCode(201);
        send(client, therapist, "").then().statusCode(400);
        as(client).body(Map.of("recipientId", therapist.id(), "content", "hi", "senderId", therapist.id()))
                .post("/api/messages").then().statusCode(400);
        as(client).body(Map.of("recipientId", therapist.id(), "content", "hi", "status", "read"))
                .post("/api/messages").then().statusCode(400);
        as(client).body(Map.of("recipientId", "not-a-uuid", "content", "hi")).post("/api/messages").then().statusCode(400);
        as(client).get("/api/messages").then().statusCode(400);
    }

    @Test
    void conversationIsNewestFirstAndPaginated() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        for (int i = 1; i <= 5; i++) {
            sent(i % 2 == 0 ? therapist : client, i % 2 == 0 ? client : therapist, "m" + i);
        }
        var first = as(therapist).get("/api/messages?with=" + client.id() + "&limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.content", String.class)).containsExactly("m5", "m4");
        String cursor = first.getString("nextCursor");
        var second = as(therapist).queryParam("cursor", cursor).get("/api/messages?with=" + client.id() + "&limit=2")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.content", String.class)).containsExactly("m3", "m2");
        as(therapist).queryParam("cursor", cursor + "x").get("/api/messages?with=" + client.id() + "&limit=2")
                .then().statusCode(400);
        // someone else asking for the same pair sees only their own (empty) conversation
        User stranger = MessagingApi.client();
        assertThat(as(stranger).get("/api/messages?with=" + client.id()).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void onlySenderAndRecipientSeeAMessage() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = sent(client, therapist, "private");
        as(client).get("/api/messages/" + id).then().statusCode(200).body("content", equalTo("private"));
        as(therapist).get("/api/messages/" + id).then().statusCode(200);
        as(MessagingApi.therapist()).get("/api/messages/" + id).then().statusCode(404);
        as(MessagingApi.admin()).get("/api/messages/" + id).then().statusCode(404);
        as(client).get("/api/messages/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void senderEditsAndRecipientMarksRead() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = sent(client, therapist, "first draft");

        as(client).body(Map.of("content", "final")).put("/api/messages/" + id).then().statusCode(200)
                .body("content", equalTo("final")).body("edited", equalTo(true)).body("status", equalTo("sent"));
        as(therapist).body(Map.of("content", "hijack")).put("/api/messages/" + id).then().statusCode(403);
        as(client).body(Map.of("status", "read")).put("/api/messages/" + id).then().statusCode(403);
        as(therapist).body(Map.of("status", "sent")).put("/api/messages/" + id).then().statusCode(400);
        as(therapist).body(Map.of("status", "read", "content", "x")).put("/api/messages/" + id).then().statusCode(400);
        as(therapist).body(Map.of("edited", false)).put("/api/messages/" + id).then().statusCode(400);
        as(therapist).body(Map.of("status", "read")).put("/api/messages/" + id).then().statusCode(200)
                .body("status", equalTo("read")).body("content", equalTo("final"));
        as(therapist).body(Map.of("status", "read")).put("/api/messages/" + id).then().statusCode(200);
        as(client).get("/api/messages/" + id).then().body("status", equalTo("read"));
    }

    @Test
    void deletedMessageStaysAsTombstone() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = sent(client, therapist, "oops");
        sent(therapist, client, "reply");

        as(therapist).delete("/api/messages/" + id).then().statusCode(403);
        as(MessagingApi.client()).delete("/api/messages/" + id).then().statusCode(404);
        as(client).delete("/api/messages/" + id).then().statusCode(204);
        as(therapist).get("/api/messages/" + id).then().statusCode(200)
                .body("deleted", equalTo(true)).body("content", nullValue());
        List<Map<String, Object>> items = as(therapist).get("/api/messages?with=" + client.id()).then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(1)).containsEntry("messageId", id).containsEntry("deleted", true).containsEntry("content", null);
        as(client).body(Map.of("content", "again")).put("/api/messages/" + id).then().statusCode(409);
        as(therapist).body(Map.of("status", "read")).put("/api/messages/" + id).then().statusCode(409);
    }

    @Test
    void unauthenticatedCallsAre401() {
        as(null).get("/api/messages?with=" + UUID.randomUUID()).then().statusCode(401);
        as(null).get("/api/conversations").then().statusCode(401);
        as(null).get("/api/notifications").then().statusCode(401);
    }
}
