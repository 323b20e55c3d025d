package io.therapyms.messaging.calls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Carries what this instance relays to sockets held by another instance: a signed POST to that instance's
 * {@code /internal/calls/{sessionId}/deliver} ({@link CallDeliveryResource}), straight from instance to instance,
 * never through Kafka or the gateway. One lane per (session, target instance) keeps the order a party's messages
 * were sent in (an offer before its candidates): a lane has at most one request in flight, and whatever queued
 * meanwhile goes in the next one, in order. Non-blocking (Vert.x HTTP client), with a connect and an idle timeout;
 * a delivery that fails is dropped, as on a lossy network (the browsers renegotiate when the other party rejoins),
 * and a lane holds at most {@link #MAX_PENDING} messages. Logs name ids only.
 */
@Singleton
public class CallForwarder {

    private static final Logger LOG = Logger.getLogger(CallForwarder.class);
    static final int MAX_PENDING = 256;
    /** Under the service's 1 MiB request body limit, whatever the messages' escaping. */
    private static final int MAX_BATCH_CHARS = 400 * 1024;

    @Inject
    Vertx vertx;

    @Inject
    RelaySignatures signatures;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "messaging.calls.relay-timeout")
    Duration timeout;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile HttpClient http;

    /** One message for one user's sockets, as the receiving instance delivers it. */
    public record Delivery(String to, String text) {
    }

    private static final class Lane {
        final ArrayDeque<Delivery> pending = new ArrayDeque<>();
        boolean sending;

        List<Delivery> take() {
            List<Delivery> batch = new ArrayList<>();
            int chars = 0;
            while (!pending.isEmpty() && (batch.isEmpty() || chars + pending.peek().text().length() <= MAX_BATCH_CHARS)) {
                Delivery next = pending.poll();
                chars += next.text().length();
                batch.add(next);
            }
            return batch;
        }
    }

    /** Queues a message for the user's sockets on the instance at {@code url}; returns at once. */
    public void send(String instanceId, String url, String sessionId, Delivery delivery) {
        String key = sessionId + " " + instanceId;
        List<List<Delivery>> start = new ArrayList<>(1);
        boolean[] full = new boolean[1];
        lanes.compute(key, (k, lane) -> {
            Lane current = lane == null ? new Lane() : lane;
            if (current.pending.size() >= MAX_PENDING) {
                full[0] = true;
                return current;
            }
            current.pending.add(delivery);
            if (!current.sending) {
                current.sending = true;
                start.add(current.take());
            }
            return current;
        });
        if (full[0]) {
            LOG.warnf("call %s: relay to instance %s backed up; message dropped", sessionId, instanceId);
        }
        if (!start.isEmpty()) {
            post(key, instanceId, url, sessionId, start.get(0));
        }
    }

    private void post(String key, String instanceId, String url, String sessionId, List<Delivery> batch) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("messages", batch));
        } catch (Exception e) {
            next(key, instanceId, url, sessionId);
            return;
        }
        long time = signatures.now();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(url + "/internal/calls/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + "/deliver")
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(RelaySignatures.TIME_HEADER, Long.toString(time))
                .putHeader(RelaySignatures.SIGNATURE_HEADER, signatures.sign(time, sessionId, body));
        client().request(request)
                .compose(outgoing -> outgoing.send(body))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    if (result.failed()) {
                        LOG.warnf("call %s: %d message(s) to instance %s not delivered: %s", sessionId, batch.size(),
                                instanceId, result.cause().getClass().getSimpleName());
                    } else if (result.result() != 204) {
                        LOG.warnf("call %s: %d message(s) to instance %s refused with %d", sessionId, batch.size(),
                                instanceId, result.result());
                    }
                    next(key, instanceId, url, sessionId);
                });
    }

    private void next(String key, String instanceId, String url, String sessionId) {
        List<List<Delivery>> more = new ArrayList<>(1);
        lanes.computeIfPresent(key, (k, lane) -> {
            if (lane.pending.isEmpty()) {
                return null;
            }
            more.add(lane.take());
            return lane;
        });
        if (!more.isEmpty()) {
            post(key, instanceId, url, sessionId, more.get(0));
        }
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = vertx.createHttpClient(new HttpClientOptions()
                            .setConnectTimeout((int) timeout.toMillis())
                            .setIdleTimeout((int) timeout.toSeconds() * 10)
                            .setMaxPoolSize(32));
                }
                client = http;
            }
        }
        return client;
    }

    @PreDestroy
    void stop() {
        HttpClient client = http;
        if (client != null) {
            client.close();
        }
    }
}
