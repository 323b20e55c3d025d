package io.therapyms.messaging.push;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.messaging.notifications.Notification;
import io.therapyms.messaging.notifications.NotificationRaised;
import io.therapyms.messaging.notifications.NotificationRepository;
import io.therapyms.platform.tracing.TraceContexts;

/**
 * Multi-instance fan-out: each new notification's id (and owner) goes to the service-internal
 * broadcast topic {@code messaging.push}; every instance reads it in its own consumer group and
 * pushes the stored notification to the owner's sockets it holds.
 */
@Singleton
public class PushFanOut {

    private static final Logger LOG = Logger.getLogger(PushFanOut.class);

    @Inject
    @Channel("push-out")
    Emitter<String> out;

    @Inject
    OpenConnections connections;

    @Inject
    NotificationRepository notifications;

    @Inject
    SocketAuthenticator authenticator;

    @Inject
    ObjectMapper json;

    @Inject
    Tracer tracer;

    void onRaised(@Observes NotificationRaised raised) {
        try {
            // The trace of the event that raised the notification rides along, so each instance's push joins it.
            Map<String, String> record = new HashMap<>(TraceContexts.current());
            record.put("ownerId", raised.notification().ownerId());
            record.put("notificationId", raised.notification().notificationId());
            out.send(json.writeValueAsString(record));
        } catch (Exception e) {
            // The notification is stored; the owner sees it on the next GET.
            LOG.warnf("push of notification %s not published: %s", raised.notification().notificationId(), e.getMessage());
        }
    }

    @Incoming("push-in")
    @Blocking
    void deliver(String record) {
        JsonNode node;
        try {
            node = json.readTree(record);
        } catch (Exception e) {
            LOG.warnf("push record skipped: %s", e.getMessage());
            return;
        }
        Span span = TraceContexts.startContinuing(tracer, "notification push", SpanKind.CONSUMER,
                text(node, TraceContexts.TRACEPARENT), text(node, TraceContexts.TRACESTATE));
        if (span == null) {
            deliver(node);
            return;
        }
        try (Scope ignored = span.makeCurrent()) {
            deliver(node);
        } finally {
            span.end();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private void deliver(JsonNode node) {
        try {
            String ownerId = node.get("ownerId").asText();
            var sockets = connections.stream()
                    .filter(c -> c.userData().get(NotificationStream.USER) != null
                            && ownerId.equals(c.userData().get(NotificationStream.USER).userId()))
                    .toList();
            Span.current().setAttribute("tms.push.sockets", sockets.size());
            if (sockets.isEmpty()) {
                return;
            }
            Notification notification = notifications.find(node.get("notificationId").asText()).orElse(null);
            if (notification == null) {
                return;
            }
            String payload = json.writeValueAsString(notification);
            for (WebSocketConnection socket : sockets) {
                if (!authenticator.stillValid(socket.userData().get(NotificationStream.USER))) {
                    socket.close(NotificationStream.UNAUTHORIZED).subscribe().with(ok -> { }, failure -> { });
                } else {
                    socket.sendText(payload).subscribe().with(ok -> { }, failure -> { });
                }
            }
        } catch (Exception e) {
            LOG.warnf("push record skipped: %s", e.getMessage());
        }
    }
}
