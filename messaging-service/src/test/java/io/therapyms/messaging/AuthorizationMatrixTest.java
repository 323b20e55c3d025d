package io.therapyms.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.messaging.MessagingApi.User;
import io.therapyms.messaging.NotificationSockets.Listener;

/**
 * Every endpoint × every kind of caller, with the status each must get. The "owner" is a client
 * who sent a message to their linked therapist and holds a notification. Bodies are valid, so the
 * status shows the authorization decision. Each caller kind gets a fresh world; the delete runs last.
 * Callers with no part in the world must also never see its message (id or content) or the
 * owner's notification in any answer, and the WebSocket stream pushes the owner's notification to
 * the owner's socket only.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest {

    enum CallerKind { ANONYMOUS, OWNER, UNRELATED_CLIENT, LINKED_THERAPIST, UNLINKED_THERAPIST, ADMIN }

    record Endpoint(String name, String method, Function<World, String> path, Function<World, Object> body) {
    }

    record World(User owner, User unrelatedClient, User linkedTherapist, User unlinkedTherapist, User admin,
            String messageId, String content, String notificationId, String sessionId) {

        /** What only the owner and the linked therapist may ever see. */
        List<String> secrets() {
            return List.of(messageId, content, notificationId, sessionId);
        }
    }

    private static final Set<CallerKind> OUTSIDERS = EnumSet.of(CallerKind.ANONYMOUS, CallerKind.UNRELATED_CLIENT,
            CallerKind.UNLINKED_THERAPIST, CallerKind.ADMIN);

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Inject
    PlatformEvents events;

    @Test
    void everyEndpointAnswersEveryCallerAsSpecified() {
        List<String> mismatches = new ArrayList<>();
        for (CallerKind caller : CallerKind.values()) {
            World world = newWorld();
            for (Map.Entry<Endpoint, Integer> row : expectations(caller).entrySet()) {
                Endpoint endpoint = row.getKey();
                Object body = endpoint.body().apply(world);
                Response response = MessagingApi.as(callerIn(world, caller))
                        .body(body == null ? "{}" : body)
                        .request(endpoint.method(), endpoint.path().apply(world));
                if (response.statusCode() != row.getValue()) {
                    mismatches.add(caller + " " + endpoint.name() + ": expected " + row.getValue() + " got " + response.statusCode());
                }
                String answer = response.asString();
                if (OUTSIDERS.contains(caller) && world.secrets().stream().anyMatch(answer::contains)) {
                    mismatches.add(caller + " " + endpoint.name() + ": the answer reveals the owner's message or notification");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theStreamPushesTheOwnersNotificationToTheOwnerOnly() {
        World world = newWorld();
        Map<CallerKind, Listener> sockets = new EnumMap<>(CallerKind.class);
        for (CallerKind caller : CallerKind.values()) {
            Listener listener = new Listener();
            User user = callerIn(world, caller);
            if (user == null) {
                NotificationSockets.open(stream, listener).sendText("{}", true).join();
            } else {
                NotificationSockets.open(stream, listener, "bearer", user.token());
            }
            sockets.put(caller, listener);
        }
        assertThat(sockets.get(CallerKind.ANONYMOUS).closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1008);

        // sockets authenticate asynchronously: raise fresh notifications for the owner until one arrives
        Listener ownerSocket = sockets.get(CallerKind.OWNER);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            raiseNotificationFor(world.owner(), world.linkedTherapist());
            return ownerSocket.messages.stream().anyMatch(m -> m.contains("session.updated"));
        });
        // the others may get their own notifications (the linked therapist's message.received), never the owner's
        List<String> ownerNotifications = MessagingApi.as(world.owner()).get("/api/notifications?limit=200").then()
                .statusCode(200).extract().jsonPath().getList("items.notificationId", String.class);
        sockets.forEach((caller, listener) -> {
            if (caller != CallerKind.OWNER) {
                assertThat(listener.messages).as(caller + " socket")
                        .noneMatch(m -> m.contains("session.updated") || ownerNotifications.stream().anyMatch(m::contains));
            }
        });
    }

    @Test
    void theCallSocketAdmitsTheSessionsTwoPartiesOnly() {
        World world = newWorld();
        Map<CallerKind, Listener> sockets = new EnumMap<>(CallerKind.class);
        URI signal = stream.resolve("/api/sessions/" + world.sessionId() + "/call/signal");
        for (CallerKind caller : CallerKind.values()) {
            Listener listener = new Listener();
            User user = callerIn(world, caller);
            if (user == null) {
                NotificationSockets.open(signal, listener).sendText("{}", true).join();
            } else {
                NotificationSockets.open(signal, listener, "bearer", user.token());
            }
            sockets.put(caller, listener);
        }
        sockets.forEach((caller, listener) -> {
            switch (caller) {
                case ANONYMOUS -> assertThat(listener.closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1008);
                case OWNER, LINKED_THERAPIST -> await().atMost(Duration.ofSeconds(10))
                        .until(() -> listener.messages.stream().anyMatch(m -> m.contains("peer-joined")));
                default -> assertThat(listener.closed.orTimeout(10, TimeUnit.SECONDS).join()).as(caller + " socket")
                        .isEqualTo(4403);
            }
        });
        assertThat(sockets.get(CallerKind.OWNER).closed).isNotDone();
        assertThat(sockets.get(CallerKind.LINKED_THERAPIST).closed).isNotDone();
    }

    private World newWorld() {
        User owner = MessagingApi.client();
        User linked = MessagingApi.therapist();
        events.link(owner, linked);
        String content = "hello " + UUID.randomUUID();
        String messageId = MessagingApi.sent(owner, linked, content);
        raiseNotificationFor(owner, linked);
        await().atMost(Duration.ofSeconds(20)).until(() -> PlatformEvents.notificationTypes(owner).contains("session.updated"));
        String notificationId = MessagingApi.as(owner).get("/api/notifications").then().extract().path("items[0].notificationId");
        // a session of the pair whose call can be joined now
        String sessionId = UUID.randomUUID().toString();
        Instant start = Instant.now().plus(5, ChronoUnit.MINUTES);
        events.publish(Topics.SCHEDULING, new AppointmentApproved(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                owner.id(), linked.id(), start, start.plus(50, ChronoUnit.MINUTES), sessionId));
        await().atMost(Duration.ofSeconds(20)).until(() -> MessagingApi.as(owner).get("/api/sessions/" + sessionId + "/call")
                .statusCode() == 200);
        return new World(owner, MessagingApi.client(), linked, MessagingApi.therapist(), MessagingApi.admin(), messageId,
                content, notificationId, sessionId);
    }

    /** A session.updated notification for the client (the therapist is not notified of it). */
    private void raiseNotificationFor(User client, User therapist) {
        events.publish(Topics.SCHEDULING, new SessionUpdated(UUID.randomUUID().toString(), client.id(), therapist.id(), "completed"));
    }

    private static User callerIn(World world, CallerKind caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case OWNER -> world.owner();
            case UNRELATED_CLIENT -> world.unrelatedClient();
            case LINKED_THERAPIST -> world.linkedTherapist();
            case UNLINKED_THERAPIST -> world.unlinkedTherapist();
            case ADMIN -> world.admin();
        };
    }

    private static Map<Endpoint, Integer> expectations(CallerKind caller) {
        boolean anonymous = caller == CallerKind.ANONYMOUS;
        Map<Endpoint, Integer> rows = new LinkedHashMap<>();
        rows.put(new Endpoint("send to the linked therapist", "POST", w -> "/api/messages",
                w -> Map.of("recipientId", w.linkedTherapist().id(), "content", "hi")), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER -> 201;
            default -> 403; // not linked to that therapist (or is that therapist)
        });
        rows.put(new Endpoint("send to the owner", "POST", w -> "/api/messages",
                w -> Map.of("recipientId", w.owner().id(), "content", "hi")), switch (caller) {
            case ANONYMOUS -> 401;
            case LINKED_THERAPIST -> 201;
            default -> 403;
        });
        rows.put(new Endpoint("conversation with the owner", "GET", w -> "/api/messages?with=" + w.owner().id(), w -> null),
                anonymous ? 401 : 200); // everyone sees only their own side: empty unless a party
        rows.put(new Endpoint("get message", "GET", w -> "/api/messages/" + w.messageId(), w -> null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER, LINKED_THERAPIST -> 200;
            default -> 404;
        });
        rows.put(new Endpoint("edit message", "PUT", w -> "/api/messages/" + w.messageId(), w -> Map.of("content", "edited")),
                switch (caller) {
                    case ANONYMOUS -> 401;
                    case OWNER -> 200;
                    case LINKED_THERAPIST -> 403;
                    default -> 404;
                });
        rows.put(new Endpoint("mark message read", "PUT", w -> "/api/messages/" + w.messageId(), w -> Map.of("status", "read")),
                switch (caller) {
                    case ANONYMOUS -> 401;
                    case LINKED_THERAPIST -> 200;
                    case OWNER -> 403;
                    default -> 404;
                });
        rows.put(new Endpoint("conversations", "GET", w -> "/api/conversations", w -> null), anonymous ? 401 : 200);
        rows.put(new Endpoint("notifications", "GET", w -> "/api/notifications", w -> null), anonymous ? 401 : 200);
        rows.put(new Endpoint("unread notifications", "GET", w -> "/api/notifications?unread=true", w -> null),
                anonymous ? 401 : 200);
        rows.put(new Endpoint("mark notification read", "PUT", w -> "/api/notifications/" + w.notificationId(),
                w -> Map.of("read", true)), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER -> 200;
            default -> 404;
        });
        rows.put(new Endpoint("read all", "POST", w -> "/api/notifications/read-all", w -> null), anonymous ? 401 : 204);
        rows.put(new Endpoint("call of the owner's session", "GET", w -> "/api/sessions/" + w.sessionId() + "/call", w -> null),
                switch (caller) {
                    case ANONYMOUS -> 401;
                    case OWNER, LINKED_THERAPIST -> 200;
                    default -> 404;
                });
        rows.put(new Endpoint("delete message", "DELETE", w -> "/api/messages/" + w.messageId(), w -> null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER -> 204;
            case LINKED_THERAPIST -> 403;
            default -> 404;
        });
        return rows;
    }
}
