package io.therapyms.messaging.calls;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.therapyms.messaging.push.SocketAuthenticator;
import io.therapyms.platform.errors.ProblemException;
import io.vertx.core.Vertx;

/**
 * WebSocket /api/sessions/{sessionId}/call/signal: the two parties' signalling channel. The token
 * comes in {@code Sec-WebSocket-Protocol} ({@code bearer, <token>}) or the first message
 * {@code {"token": "..."}}, never the URL; a missing or invalid token closes with 1008, a caller
 * who may not join (see {@link CallAccess}) with 4403, as does the window's close, a cancellation
 * or the end of the link while the socket is open. Each socket's messages are handled one after
 * the other, off the event loop, so an offer is never overtaken by its candidates.
 */
@WebSocket(path = "/api/sessions/{sessionId}/call/signal")
public class CallSignalSocket {

    private static final Logger LOG = Logger.getLogger(CallSignalSocket.class);

    /** A socket that joined a call: who, which session, and its own id in the presence sets. */
    public record Joined(String userId, SocketAuthenticator.SocketUser user, CallSession session, String socketId) {
    }

    static final UserData.TypedKey<Joined> JOINED = new UserData.TypedKey<>("call-joined");
    private static final UserData.TypedKey<Serial> SERIAL = new UserData.TypedKey<>("call-serial");
    private static final UserData.TypedKey<RateWindow> RATE = new UserData.TypedKey<>("call-rate");
    static final CloseReason NOT_PERMITTED = new CloseReason(4403, "not permitted to join this call now");
    static final CloseReason UNAUTHORIZED = new CloseReason(1008, "a valid, unrevoked token is required");
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAX_MESSAGES_PER_SECOND = 50;
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper PEER_JSON = new ObjectMapper();
    private static final Set<String> RELAYED = Set.of("offer", "answer", "candidate", "bye");

    @Inject
    Clock clock;

    @Inject
    SocketAuthenticator authenticator;

    @Inject
    CallAccess access;

    @Inject
    SessionRepository sessions;

    @Inject
    CallPresence presence;

    @Inject
    SignalRelay relay;

    @Inject
    CallInstances instances;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "call-signal");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        connection.userData().put(SERIAL, new Serial());
        connection.userData().put(RATE, new RateWindow());
        vertx.setTimer(TOKEN_WAIT.toMillis(), id -> {
            if (connection.isOpen() && connection.userData().get(JOINED) == null) {
                close(connection, UNAUTHORIZED);
            }
        });
        String protocols = connection.handshakeRequest().header("Sec-WebSocket-Protocol");
        if (protocols != null) {
            Optional<String> token = Arrays.stream(protocols.split(",")).map(String::trim)
                    .filter(p -> p.chars().filter(c -> c == '.').count() == 2).findFirst();
            serially(connection, () -> join(connection, token.orElse(null)));
        }
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        serially(connection, () -> handle(connection, text));
    }

    @OnClose
    @NonBlocking
    void closed(WebSocketConnection connection) {
        serially(connection, () -> leave(connection));
    }

    private void handle(WebSocketConnection connection, String text) {
        Joined joined = connection.userData().get(JOINED);
        if (joined == null) {
            if (connection.isOpen()) {
                join(connection, tokenOf(text));
            }
            return;
        }
        if (authenticator.isRevoked(joined.user())) {
            close(connection, UNAUTHORIZED);
            return;
        }
        if (!connection.userData().get(RATE).admit(System.nanoTime())) {
            error(connection, "more than " + MAX_MESSAGES_PER_SECOND + " messages a second; message dropped");
            return;
        }
        if (text.length() > MAX_MESSAGE_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            error(connection, "message over 64 KiB; dropped");
            return;
        }
        String type = typeOf(text);
        if (type == null || !RELAYED.contains(type)) {
            error(connection, "expected a JSON object with type offer, answer, candidate or bye");
            return;
        }
        relay.relay(joined.session(), joined.userId(), text);
    }

    private void join(WebSocketConnection connection, String token) {
        Optional<SocketAuthenticator.SocketUser> user = authenticator.verify(token);
        if (user.isEmpty()) {
            close(connection, UNAUTHORIZED);
            return;
        }
        String userId = user.get().userId();
        CallSession session;
        try {
            session = access.check(userId, connection.pathParam("sessionId"));
        } catch (ProblemException refused) {
            close(connection, NOT_PERMITTED);
            return;
        }
        Joined joined = new Joined(userId, user.get(), session, instances.socketId());
        connection.userData().put(JOINED, joined);
        // in this instance's index first: should it die from here on, a survivor finds the socket and clears it
        instances.holding(session.sessionId());
        CallPresence.Presence now = presence.join(session, userId, joined.socketId());
        // A cancellation consumed between the check and the registration found no socket to close.
        if (sessions.find(session.sessionId()).map(s -> !s.keepsOpenCalls()).orElse(true)) {
            close(connection, NOT_PERMITTED);
            return;
        }
        long untilClose = Math.max(1, Duration.between(clock.instant(), session.joinClosesAt()).toMillis());
        vertx.setTimer(untilClose, id -> {
            if (connection.isOpen()) {
                close(connection, NOT_PERMITTED);
            }
        });
        String other = session.otherParty(userId);
        if (now.otherPresent()) {
            connection.sendText(peerMessage("peer-joined", session, other)).subscribe().with(ok -> { }, failure -> { });
        }
        relay.tell(session.sessionId(), other, peerMessage("peer-joined", session, userId), now.otherInstances());
        LOG.debugf("call %s: %s joined", session.sessionId(), session.roleOf(userId));
    }

    private void leave(WebSocketConnection connection) {
        Joined joined = connection.userData().get(JOINED);
        if (joined == null) {
            return;
        }
        long since = instances.now();
        CallPresence.Presence now = presence.leave(joined.session(), joined.userId(), joined.socketId());
        if (!now.selfStillPresent()) {
            relay.tell(joined.session().sessionId(), joined.session().otherParty(joined.userId()),
                    peerMessage("peer-left", joined.session(), joined.userId()), now.otherInstances());
        }
        if (CallInstances.instanceOf(joined.socketId()).equals(instances.id())
                && !relay.holdsHere(joined.session().sessionId(), joined.socketId())) {
            instances.released(joined.session().sessionId(), since);
        }
        LOG.debugf("call %s: %s left", joined.session().sessionId(), joined.session().roleOf(joined.userId()));
    }

    /** {@code peer-joined} / {@code peer-left}: ids and the role only. */
    static String peerMessage(String type, CallSession session, String userId) {
        try {
            return PEER_JSON.writeValueAsString(Map.of("type", type, "userId", userId, "role", session.roleOf(userId)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void error(WebSocketConnection connection, String detail) {
        connection.sendText(write(Map.of("type", "error", "detail", detail))).subscribe().with(ok -> { }, failure -> { });
    }

    private String tokenOf(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node.hasNonNull("token") ? node.get("token").asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private String typeOf(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node.isObject() && node.path("type").isTextual() ? node.get("type").asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private String write(Map<String, String> message) {
        try {
            return json.writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(WebSocketConnection connection, CloseReason reason) {
        connection.close(reason).subscribe().with(ok -> { }, failure -> { });
    }

    private void serially(WebSocketConnection connection, Runnable step) {
        connection.userData().get(SERIAL).then(step, workers);
    }

    /** Runs a socket's steps one after the other on the worker pool. */
    private static final class Serial {
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        synchronized void then(Runnable step, ExecutorService workers) {
            tail = tail.thenRunAsync(step, workers).exceptionally(failure -> {
                LOG.warnf("call socket step failed: %s", failure.getClass().getSimpleName());
                return null;
            });
        }
    }

    /** At most {@link #MAX_MESSAGES_PER_SECOND} messages in any one-second window. */
    private static final class RateWindow {
        private boolean started;
        private long windowStart;
        private int count;

        synchronized boolean admit(long nanos) {
            if (!started || nanos - windowStart >= 1_000_000_000L) {
                started = true;
                windowStart = nanos;
                count = 0;
            }
            return ++count <= MAX_MESSAGES_PER_SECOND;
        }
    }
}
