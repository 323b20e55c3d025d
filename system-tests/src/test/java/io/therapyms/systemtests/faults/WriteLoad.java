package io.therapyms.systemtests.faults;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.User;

/**
 * A steady stream of writes through the gateway while things break: each client sends its therapist a message and
 * writes a journal entry, one after the other, every {@link #PERIOD_MILLIS} ms. Every write answered with a 2xx is
 * recorded with its id: those are the writes the system promised to keep. Anything else (refused connection, 502,
 * 503, timeout) is counted, not recorded: the caller was told it did not work.
 */
final class WriteLoad implements AutoCloseable {

    static final long PERIOD_MILLIS = 100;

    /** The writes of one pair that were acknowledged. */
    record Acknowledged(List<String> messageIds, List<String> journalEntryIds) {
    }

    private final Api api;
    private final ScheduledExecutorService writers;
    private final Map<Api.Pair, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledgedMessages = new AtomicInteger();
    private final AtomicInteger acknowledgedEntries = new AtomicInteger();

    private WriteLoad(Api api, List<Api.Pair> pairs) {
        this.api = api;
        this.writers = Executors.newScheduledThreadPool(pairs.size());
        for (Api.Pair pair : pairs) {
            Acknowledged writes = new Acknowledged(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            acknowledged.put(pair, writes);
            Writer writer = new Writer(pair, writes);
            writers.scheduleWithFixedDelay(writer::writeBoth, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    static WriteLoad start(Api api, List<Api.Pair> pairs) {
        return new WriteLoad(api, pairs);
    }

    /** How many messages have been acknowledged so far, to see the load move (again). */
    int acknowledgedMessages() {
        return acknowledgedMessages.get();
    }

    int acknowledgedEntries() {
        return acknowledgedEntries.get();
    }

    Map<Api.Pair, Acknowledged> acknowledged() {
        return acknowledged;
    }

    /** Failed attempts by reason ("502", "IOException", …). */
    Map<String, Integer> refusals() {
        Map<String, Integer> counts = new TreeMap<>();
        refusals.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }

    @Override
    public void close() {
        writers.shutdown();
        try {
            if (!writers.awaitTermination(2, TimeUnit.MINUTES)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pair's writes; logs in again when the access token expires or was lost with a restart. */
    private final class Writer {

        private final Api.Pair pair;
        private final Acknowledged writes;
        private final AtomicReference<User> client;
        private int sequence;

        Writer(Api.Pair pair, Acknowledged writes) {
            this.pair = pair;
            this.writes = writes;
            this.client = new AtomicReference<>(pair.client());
        }

        void writeBoth() {
            sequence++;
            attempt(() -> api.as(client.get())
                    .body(Map.of("recipientId", pair.therapist().id(), "content", "load message " + sequence))
                    .post("/api/messages"), "messageId", writes.messageIds(), acknowledgedMessages);
            attempt(() -> api.as(client.get())
                    .body(Map.of("content", "load entry " + sequence, "feeling", "calm", "intensity", 5))
                    .post("/api/journals/{id}", pair.client().id()), "journalEntryId", writes.journalEntryIds(),
                    acknowledgedEntries);
        }

        private void attempt(Supplier<Response> write, String idField, List<String> ids, AtomicInteger counter) {
            try {
                Response response = write.get();
                if (response.statusCode() / 100 == 2) {
                    ids.add(response.path(idField));
                    counter.incrementAndGet();
                    return;
                }
                refused(Integer.toString(response.statusCode()));
                if (response.statusCode() == 401) {
                    client.set(api.logIn(pair.client().credentials()));
                }
            } catch (Exception | AssertionError e) {
                // REST Assured throws checked exceptions (ConnectException) undeclared: an escaping one would end
                // this writer's schedule for good.
                refused(e.getClass().getSimpleName());
            }
        }

        private void refused(String reason) {
            refusals.computeIfAbsent(reason, key -> new AtomicInteger()).incrementAndGet();
        }
    }
}
