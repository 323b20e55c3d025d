package io.therapyms.systemtests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of {@code /api/notifications/stream}: keeps every pushed notification with the moment it arrived, so tests
 * can assert what came and measure how long it took.
 */
public final class NotificationSocket implements AutoCloseable {

    /** How the token reaches the server; both are documented (never the URL). */
    public enum TokenCarrier {
        /** {@code Sec-WebSocket-Protocol: bearer, <token>} in the handshake. */
        SUBPROTOCOL,
        /** {@code {"token": "..."}} as the first message. */
        FIRST_MESSAGE
    }

    /** A pushed notification and when it arrived ({@link System#nanoTime()}). */
    public record Received(JsonNode notification, long arrivedAtNanos) {

        public String type() {
            return notification.path("type").asText();
        }

        public String subjectId() {
            return notification.path("subjectId").asText();
        }
    }

    /**
     * API.md promises a push within a second of the event; on a loaded two-core machine the tests allow this much and
     * log what they measured.
     */
    public static final Duration PUSH_BOUND = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private NotificationSocket(URI stream, String token, TokenCarrier carrier) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (carrier == TokenCarrier.SUBPROTOCOL) {
            builder.subprotocols("bearer", token);
        }
        socket = builder.buildAsync(stream, new Collector()).orTimeout(10, TimeUnit.SECONDS).join();
        if (carrier == TokenCarrier.FIRST_MESSAGE) {
            socket.sendText(json(Map.of("token", token)), true).orTimeout(5, TimeUnit.SECONDS).join();
        }
    }

    public static NotificationSocket open(URI stream, User user, TokenCarrier carrier) {
        return new NotificationSocket(stream, user.accessToken(), carrier);
    }

    /** The first notification matching {@code what}, waiting up to {@code timeout} for it. */
    public Received await(Predicate<Received> what, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(5)).pollDelay(Duration.ZERO)
                .until(() -> received.stream().filter(what).findFirst().orElse(null), found -> found != null);
    }

    /** The notification of {@code type} about {@code subjectId}, within {@link #PUSH_BOUND}. */
    public Received await(String type, String subjectId) {
        return await(type, subjectId, PUSH_BOUND);
    }

    public Received await(String type, String subjectId, Duration timeout) {
        return await(n -> n.type().equals(type) && n.subjectId().equals(subjectId), timeout);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The server's close code once it closed the socket, e.g. 1008 for a refused token. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(ignored -> null);
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long arrived = System.nanoTime();
                try {
                    received.add(new Received(JSON.readTree(partial.toString()), arrived));
                } catch (JsonProcessingException notJson) {
                    received.add(new Received(JSON.getNodeFactory().textNode(partial.toString()), arrived));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
