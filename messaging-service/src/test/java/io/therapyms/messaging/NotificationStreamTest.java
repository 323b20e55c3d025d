package io.therapyms.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.TestTokens;
import io.therapyms.events.Topics;
import io.therapyms.events.identity.SessionsRevoked;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.messaging.MessagingApi.User;
import io.therapyms.messaging.NotificationSockets.Listener;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class NotificationStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Inject
    PlatformEvents events;

    private WebSocket open(Listener listener, String... subprotocols) {
        return NotificationSockets.open(stream, listener, subprotocols);
    }

    @Test
    void tokenInFirstMessageReceivesANotificationWhenALinkedPartySends() throws Exception {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        Listener listener = new Listener();
        WebSocket socket = open(listener);
        socket.sendText("{\"token\": \"" + therapist.token() + "\"}", true).join();

        // the push travels through the outbox, messaging.events and the broadcast topic, so it
        // reaches the socket well after the server read the token message
        String messageId = MessagingApi.sent(client, therapist, "ping");
        await().atMost(Duration.ofSeconds(15)).until(() -> !listener.messages.isEmpty());
        JsonNode pushed = JSON.readTree(listener.messages.get(0));
        assertThat(pushed.get("type").asText()).isEqualTo("message.received");
        assertThat(pushed.get("subjectId").asText()).isEqualTo(messageId);
        assertThat(pushed.get("actorId").asText()).isEqualTo(client.id());
        assertThat(listener.messages.get(0)).doesNotContain("ping").doesNotContain("ownerId");
        socket.abort();
    }

    @Test
    void tokenInSubprotocolHeaderWorksToo() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        Listener listener = new Listener();
        WebSocket socket = open(listener, "bearer", client.token());
        MessagingApi.sent(therapist, client, "hello");
        await().atMost(Duration.ofSeconds(15)).until(() -> listener.messages.stream().anyMatch(m -> m.contains("message.received")));
        socket.abort();
    }

    @Test
    void invalidOrExpiredTokensCloseTheSocket() {
        for (String token : List.of("not-a-token", TestTokens.expired(java.util.UUID.randomUUID().toString(), "client"),
                TestTokens.tampered(MessagingApi.client().token()))) {
            Listener listener = new Listener();
            WebSocket socket = open(listener);
            socket.sendText("{\"token\": \"" + token + "\"}", true).join();
            assertThat(listener.closed.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1008);
        }
        Listener notJson = new Listener();
        open(notJson).sendText("hello", true).join();
        assertThat(notJson.closed.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1008);
    }

    @Test
    void aTokenThatMustStillEnrolASecondFactorCannotOpenTheStream() {
        User admin = MessagingApi.mustEnrol(UUID.randomUUID().toString(), "admin");
        Listener inMessage = new Listener();
        open(inMessage).sendText("{\"token\": \"" + admin.token() + "\"}", true).join();
        assertThat(inMessage.closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1008);
        Listener inHeader = new Listener();
        open(inHeader, "bearer", admin.token());
        assertThat(inHeader.closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1008);
        // the same user with an ordinary token is let in (and stays)
        Listener enrolled = new Listener();
        WebSocket socket = open(enrolled, "bearer", TestTokens.forUser(admin.id(), "admin"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !enrolled.closed.isDone());
        socket.abort();
    }

    @Test
    void anOpenSocketIsClosedWhenItsTokenExpires() throws Exception {
        String token = TestTokens.expiringIn(UUID.randomUUID().toString(), "client", Duration.ofSeconds(5));
        Instant expiresAt = Instant.ofEpochSecond(JwtClaims.parse(new String(Base64.getUrlDecoder()
                .decode(token.split("\\.")[1]), StandardCharsets.UTF_8)).getExpirationTime().getValue());
        Listener listener = new Listener();
        WebSocket socket = open(listener, "bearer", token);

        // accepted: a refused token closes the socket within milliseconds of the handshake
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !listener.closed.isDone());
        assertThat(Instant.now()).isBefore(expiresAt);
        int code = listener.closed.orTimeout(20, TimeUnit.SECONDS).join();
        Instant closedAt = Instant.now();

        assertThat(code).isEqualTo(1008);
        assertThat(closedAt).isAfterOrEqualTo(expiresAt.minusMillis(100));
        socket.abort();
    }

    @Test
    void otherUsersDoNotReceiveSomeoneElsesNotifications() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        User bystander = MessagingApi.therapist();
        events.link(client, therapist);
        Listener mine = new Listener();
        Listener theirs = new Listener();
        WebSocket a = open(mine, "bearer", therapist.token());
        WebSocket b = open(theirs, "bearer", bystander.token());
        MessagingApi.sent(client, therapist, "x");
        await().atMost(Duration.ofSeconds(15)).until(() -> !mine.messages.isEmpty());
        assertThat(theirs.messages).isEmpty();
        a.abort();
        b.abort();
    }

    @Test
    void revokedTokensAreRefusedAndCloseOpenSockets() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        Listener open = new Listener();
        open(open, "bearer", therapist.token());
        // a password change elsewhere: every token issued before now is revoked
        events.publish(Topics.IDENTITY, new SessionsRevoked(therapist.id(), Instant.now().plusSeconds(1)));
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Listener probe = new Listener();
            open(probe).sendText("{\"token\": \"" + therapist.token() + "\"}", true).join();
            return probe.closed.completeOnTimeout(0, 2, TimeUnit.SECONDS).join() == 1008; // still open: not yet revoked
        });
        // the socket opened before the revocation is closed at its next push, and gets nothing
        MessagingApi.sent(client, therapist, "after revocation");
        assertThat(open.closed.orTimeout(15, TimeUnit.SECONDS).join()).isEqualTo(1008);
        assertThat(open.messages).isEmpty();
    }

    /**
     * Another instance raising a notification only publishes its id on the broadcast topic; this
     * instance must push it from there. The record is produced here directly, as that instance would.
     */
    @Test
    void aNotificationAnnouncedOnTheBroadcastTopicReachesTheSocketHeldHere() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.publish(Topics.JOURNAL, new AccessRequested(UUID.randomUUID().toString(), client.id(), therapist.id()));
        await().atMost(Duration.ofSeconds(15)).until(() -> !PlatformEvents.notificationTypes(client).isEmpty());
        String notificationId = MessagingApi.as(client).get("/api/notifications").then().extract().path("items[0].notificationId");

        Listener listener = new Listener();
        WebSocket socket = open(listener, "bearer", client.token());
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            KafkaProbe.produce(events.bootstrap(), events.topic("messaging.push"), client.id(),
                    "{\"ownerId\":\"" + client.id() + "\",\"notificationId\":\"" + notificationId + "\"}");
            return listener.messages.stream().anyMatch(m -> m.contains(notificationId));
        });
        socket.abort();
    }
}
