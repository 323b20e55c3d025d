package io.therapyms.messaging.calls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Signalling across instances, the way notifications reach their sockets: what one instance must
 * say to a socket goes straight to the sockets it holds itself, and onto the service-internal
 * broadcast topic {@code messaging.signal} that every other instance reads in its own consumer
 * group (latest offset) and delivers to the sockets it holds. Records are keyed by the session id,
 * so one session's messages keep their order. A record carries ids; the relayed offer / answer /
 * candidate / bye travels sealed ({@link SealedSignals}), never readable on Kafka. Nothing of a
 * message's content is logged.
 */
@Singleton
public class SignalRelay {

    private static final Logger LOG = Logger.getLogger(SignalRelay.class);
    static final String SIGNAL = "signal";
    static final String SERVER = "server";
    static final String CLOSE_SESSION = "close-session";
    static final String CLOSE_LINK = "close-link";

    /** Tells this instance's own records apart when they come back from the topic. */
    final String instanceId = UUID.randomUUID().toString();

    @Inject
    @Channel("signal-out")
    Emitter<String> out;

    @Inject
    OpenConnections connections;

    @Inject
    SealedSignals sealed;

    @Inject
    ObjectMapper json;

    /** A party's message, verbatim, to the other party's sockets. */
    void relay(CallSession session, String fromUserId, String text) {
        String to = session.otherParty(fromUserId);
        deliver(session.sessionId(), to, text);
        publish(session.sessionId(), record(SIGNAL, session.sessionId(), to,
                sealed.seal(text, associated(session.sessionId(), to))));
    }

    /** A server message (peer-joined, peer-left: ids only) to one party's sockets. */
    void tell(String sessionId, String to, String message) {
        deliver(sessionId, to, message);
        publish(sessionId, record(SERVER, sessionId, to, message));
    }

    /** The session was cancelled: every socket of it, on every instance, closes now. */
    public void closeSession(String sessionId) {
        closeLocal(session -> session.sessionId().equals(sessionId));
        publish(sessionId, record(CLOSE_SESSION, sessionId, null, null));
    }

    /** The link ended: every call socket of the pair, on every instance, closes now. */
    public void closeLink(String clientId, String therapistId) {
        closeLocal(session -> session.clientId().equals(clientId) && session.therapistId().equals(therapistId));
        Map<String, String> record = new LinkedHashMap<>();
        record.put("origin", instanceId);
        record.put("kind", CLOSE_LINK);
        record.put("clientId", clientId);
        record.put("therapistId", therapistId);
        publish(clientId, write(record));
    }

    /** This instance's sockets of the session only: each instance hears of the cancellation itself ({@link CallClosures}). */
    void closeSessionHere(String sessionId) {
        closeLocal(session -> session.sessionId().equals(sessionId));
    }

    /** This instance's call sockets of the pair only, as {@link #closeSessionHere}. */
    void closeLinkHere(String clientId, String therapistId) {
        closeLocal(session -> session.clientId().equals(clientId) && session.therapistId().equals(therapistId));
    }

    @Incoming("signal-in")
    void receive(String text) {
        try {
            JsonNode record = json.readTree(text);
            if (instanceId.equals(record.path("origin").asText())) {
                return; // delivered to this instance's sockets when it was sent
            }
            String kind = record.path("kind").asText();
            String sessionId = record.path("sessionId").asText();
            switch (kind) {
                case SIGNAL -> {
                    String to = record.path("to").asText();
                    if (!socketsOf(sessionId, to).isEmpty()) {
                        deliver(sessionId, to, sealed.open(record.path("body").asText(), associated(sessionId, to)));
                    }
                }
                case SERVER -> deliver(sessionId, record.path("to").asText(), record.path("body").asText());
                case CLOSE_SESSION -> closeLocal(session -> session.sessionId().equals(sessionId));
                case CLOSE_LINK -> {
                    String clientId = record.path("clientId").asText();
                    String therapistId = record.path("therapistId").asText();
                    closeLocal(session -> session.clientId().equals(clientId) && session.therapistId().equals(therapistId));
                }
                default -> LOG.warn("signal record of unknown kind skipped");
            }
        } catch (Exception e) {
            LOG.warnf("signal record skipped: %s", e.getClass().getSimpleName());
        }
    }

    private void deliver(String sessionId, String to, String text) {
        for (WebSocketConnection socket : socketsOf(sessionId, to)) {
            socket.sendText(text).subscribe().with(ok -> { }, failure -> { });
        }
    }

    private List<WebSocketConnection> socketsOf(String sessionId, String userId) {
        return connections.stream().filter(c -> {
            CallSignalSocket.Joined joined = c.userData().get(CallSignalSocket.JOINED);
            return joined != null && joined.session().sessionId().equals(sessionId) && joined.userId().equals(userId);
        }).toList();
    }

    private void closeLocal(Predicate<CallSession> which) {
        connections.stream().filter(c -> {
            CallSignalSocket.Joined joined = c.userData().get(CallSignalSocket.JOINED);
            return joined != null && which.test(joined.session());
        }).forEach(socket -> socket.close(CallSignalSocket.NOT_PERMITTED).subscribe().with(ok -> { }, failure -> { }));
    }

    private String record(String kind, String sessionId, String to, String body) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("origin", instanceId);
        record.put("kind", kind);
        record.put("sessionId", sessionId);
        if (to != null) {
            record.put("to", to);
            record.put("body", body);
        }
        return write(record);
    }

    private String write(Map<String, String> record) {
        try {
            return json.writeValueAsString(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(String key, String record) {
        try {
            out.send(KafkaRecord.of(key, record));
        } catch (RuntimeException e) {
            // The sockets on this instance got it; those elsewhere miss this one message, as on a lossy network.
            LOG.warnf("signal record not published: %s", e.getClass().getSimpleName());
        }
    }

    /** Binds a sealed body to its session and recipient, so that it cannot be replayed to another socket. */
    private static String associated(String sessionId, String to) {
        return sessionId + ":" + to;
    }
}
