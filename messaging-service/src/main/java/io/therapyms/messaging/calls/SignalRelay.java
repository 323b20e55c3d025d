package io.therapyms.messaging.calls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Signalling across instances. What one instance must say to a party goes straight to the party's sockets it holds
 * itself, and, for the sockets other instances hold (the session's presence says which: a socket id begins with its
 * instance's id), in a signed POST straight to each of those instances ({@link CallForwarder}): SDP and candidates
 * (the network path) never touch Kafka. The service-internal topic {@code messaging.signal} carries only the
 * announcements that close sockets (a cancelled session, an ended link): ids, nothing else. Nothing of a message's
 * content is logged.
 */
@Singleton
public class SignalRelay {

    private static final Logger LOG = Logger.getLogger(SignalRelay.class);
    static final String CLOSE_SESSION = "close-session";
    static final String CLOSE_LINK = "close-link";

    /** Tells this instance's own records apart when they come back from the topic. */
    final String origin = UUID.randomUUID().toString();

    @Inject
    @Channel("signal-out")
    Emitter<String> out;

    @Inject
    OpenConnections connections;

    @Inject
    CallPresence presence;

    @Inject
    CallInstances instances;

    @Inject
    CallForwarder forwarder;

    @Inject
    ObjectMapper json;

    /** A party's message, verbatim, to the other party's sockets, wherever they are. */
    void relay(CallSession session, String fromUserId, String text) {
        String to = session.otherParty(fromUserId);
        tell(session.sessionId(), to, text, presence.instancesOf(session, to));
    }

    /**
     * A message to one party's sockets: those here at once, those on {@code instances} (the instances that hold the
     * party's sockets, from the presence) through {@link CallForwarder}.
     */
    void tell(String sessionId, String to, String message, Set<String> holding) {
        deliverHere(sessionId, to, message);
        String self = instances.id();
        for (String instanceId : holding) {
            if (instanceId.equals(self)) {
                continue;
            }
            Optional<String> url = instances.urlOf(instanceId);
            if (url.isPresent()) {
                forwarder.send(instanceId, url.get(), sessionId, new CallForwarder.Delivery(to, message));
            } else {
                LOG.debugf("call %s: instance %s is not registered; message dropped", sessionId, instanceId);
            }
        }
    }

    /** The session was cancelled: every socket of it, on every instance, closes now. */
    public void closeSession(String sessionId) {
        closeLocal(session -> session.sessionId().equals(sessionId));
        publish(sessionId, record(CLOSE_SESSION, sessionId));
    }

    /** The link ended: every call socket of the pair, on every instance, closes now. */
    public void closeLink(String clientId, String therapistId) {
        closeLocal(session -> session.clientId().equals(clientId) && session.therapistId().equals(therapistId));
        Map<String, String> record = new LinkedHashMap<>();
        record.put("origin", origin);
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
            if (origin.equals(record.path("origin").asText())) {
                return; // this instance closed its sockets when it sent it
            }
            String kind = record.path("kind").asText();
            String sessionId = record.path("sessionId").asText();
            switch (kind) {
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

    /** To the user's sockets of the session that this instance holds. */
    void deliverHere(String sessionId, String to, String text) {
        for (WebSocketConnection socket : socketsOf(sessionId, to)) {
            socket.sendText(text).subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Whether this instance still holds a socket of the session other than {@code socketId}. */
    boolean holdsHere(String sessionId, String socketId) {
        return connections.stream().anyMatch(c -> {
            CallSignalSocket.Joined joined = c.userData().get(CallSignalSocket.JOINED);
            return joined != null && c.isOpen() && joined.session().sessionId().equals(sessionId)
                    && !joined.socketId().equals(socketId);
        });
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

    private String record(String kind, String sessionId) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("origin", origin);
        record.put("kind", kind);
        record.put("sessionId", sessionId);
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
            // This instance's sockets are closed; the others' instances hear of the event themselves (CallClosures).
            LOG.warnf("signal record not published: %s", e.getClass().getSimpleName());
        }
    }

}
