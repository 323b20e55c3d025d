package io.therapyms.systemtests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/** A party's signalling socket of a session's call (WebSocket /api/sessions/{id}/call/signal): what it receives, how it closed. */
public final class CallSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private CallSocket(URI uri, String token, NotificationSocket.TokenCarrier carrier) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (carrier == NotificationSocket.TokenCarrier.SUBPROTOCOL) {
            builder.subprotocols("bearer", token);
        }
        socket = builder.buildAsync(uri, new Collector()).orTimeout(10, TimeUnit.SECONDS).join();
        if (carrier == NotificationSocket.TokenCarrier.FIRST_MESSAGE) {
            send("{\"token\":\"" + token + "\"}");
        }
    }

    /** {@code baseUrl}: the gateway's, or an instance's own. */
    public static CallSocket open(String baseUrl, String sessionId, User user, NotificationSocket.TokenCarrier carrier) {
        return new CallSocket(URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/sessions/" + sessionId + "/call/signal"),
                user.accessToken(), carrier);
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    public boolean hasReceived(String text) {
        return received.contains(text);
    }

    public boolean hasReceivedType(String type) {
        return received.stream().anyMatch(m -> m.contains("\"type\":\"" + type + "\""));
    }

    public void awaitType(String type, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> hasReceivedType(type));
    }

    public List<String> received() {
        return List.copyOf(received);
    }

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
                received.add(partial.toString());
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
            closed.complete(-1);
        }
    }
}
