package io.therapyms.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test client of WebSocket /api/notifications/stream: collects what a socket receives and how it closed. */
public final class NotificationSockets {

    private NotificationSockets() {
    }

    public static final class Listener implements WebSocket.Listener {
        public final List<String> messages = new CopyOnWriteArrayList<>();
        public final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(-1);
        }
    }

    /** Opens a socket to the stream ({@code stream} as injected by {@code @TestHTTPResource}), offering the subprotocols. */
    public static WebSocket open(URI stream, Listener listener, String... subprotocols) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create(stream.toString().replaceFirst("^http", "ws")), listener).join();
    }
}
