package io.therapyms.systemtests.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.User;

/**
 * Beside a {@link WriteLoad}, on pairs of its own (so the load's unread counts stay as they are): each client sends
 * its therapist a message, the therapist marks it read, and again, so that a message's MessageSent and MessageRead
 * may be written and relayed by different instances while instances are killed. Counts the messages whose read was
 * acknowledged; a refused step is tried again next round.
 */
final class ReadMarker implements AutoCloseable {

    private final Api api;
    private final List<Api.Pair> pairs;
    private final ScheduledExecutorService readers = Executors.newSingleThreadScheduledExecutor();
    private final Map<Api.Pair, User> clients = new HashMap<>();
    private final Map<Api.Pair, User> therapists = new HashMap<>();
    private final Map<Api.Pair, String> unread = new HashMap<>();
    private final AtomicInteger marked = new AtomicInteger();

    ReadMarker(Api api, List<Api.Pair> pairs) {
        this.api = api;
        this.pairs = pairs;
        pairs.forEach(pair -> {
            clients.put(pair, pair.client());
            therapists.put(pair, pair.therapist());
        });
    }

    void start() {
        readers.scheduleWithFixedDelay(() -> pairs.forEach(this::step), 0, WriteLoad.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    int marked() {
        return marked.get();
    }

    private void step(Api.Pair pair) {
        try {
            String messageId = unread.get(pair);
            if (messageId == null) {
                Response sent = api.as(clients.get(pair))
                        .body(Map.of("recipientId", pair.therapist().id(), "content", "to be read"))
                        .post("/api/messages");
                if (sent.statusCode() == 201) {
                    unread.put(pair, sent.path("messageId"));
                } else if (sent.statusCode() == 401) {
                    clients.put(pair, api.logIn(pair.client().credentials()));
                }
                return;
            }
            Response read = api.as(therapists.get(pair)).body(Map.of("status", "read")).put("/api/messages/{id}", messageId);
            if (read.statusCode() / 100 == 2) {
                unread.remove(pair);
                marked.incrementAndGet();
            } else if (read.statusCode() == 401) {
                therapists.put(pair, api.logIn(pair.therapist().credentials()));
            }
        } catch (Exception | AssertionError e) {
            // Refused during a kill: the same step is tried again next round. An escaping exception would end the
            // schedule for good.
        }
    }

    @Override
    public void close() {
        readers.shutdown();
        try {
            if (!readers.awaitTermination(1, TimeUnit.MINUTES)) {
                readers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
