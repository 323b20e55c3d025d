package io.therapyms.messaging.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * WebSocket /api/notifications/stream. The token comes in the {@code Sec-WebSocket-Protocol}
 * header (e.g. {@code bearer, <token>}) or in the first message {@code {"token": "..."}}, never in
 * the URL. A socket without a valid token, or whose token expires or is revoked, is closed
 * (policy violation, 1008).
 */
@WebSocket(path = "/api/notifications/stream")
public class NotificationStream {

    @Inject
    Clock clock;

    static final UserData.TypedKey<SocketAuthenticator.SocketUser> USER = new UserData.TypedKey<>("user");
    static final CloseReason UNAUTHORIZED = new CloseReason(1008, "a valid, unrevoked token is required");

    @Inject
    SocketAuthenticator authenticator;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @OnOpen
    void open(WebSocketConnection connection) {
        String protocols = connection.handshakeRequest().header("Sec-WebSocket-Protocol");
        if (protocols == null) {
            return; // the token must come in the first message
        }
        Optional<String> token = Arrays.stream(protocols.split(","))
                .map(String::trim)
                .filter(p -> p.chars().filter(c -> c == '.').count() == 2)
                .findFirst();
        authenticate(connection, token.orElse(null));
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        if (connection.userData().get(USER) != null) {
            return; // already authenticated; clients have nothing else to say
        }
        String token = null;
        try {
            JsonNode node = json.readTree(text);
            token = node.hasNonNull("token") ? node.get("token").asText() : null;
        } catch (Exception notJson) {
            // refused below
        }
        authenticate(connection, token);
    }

    private void authenticate(WebSocketConnection connection, String token) {
        Optional<SocketAuthenticator.SocketUser> user = authenticator.verify(token);
        if (user.isEmpty()) {
            connection.close(UNAUTHORIZED).subscribe().with(ok -> { }, failure -> { });
            return;
        }
        connection.userData().put(USER, user.get());
        long untilExpiry = Math.max(1, Duration.between(clock.instant(), user.get().expiresAt()).toMillis());
        vertx.setTimer(untilExpiry, id -> {
            if (connection.isOpen()) {
                connection.close(UNAUTHORIZED).subscribe().with(ok -> { }, failure -> { });
            }
        });
    }
}
