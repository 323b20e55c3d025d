package io.therapyms.systemtests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.devstack.TestTokens;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Journal;
import io.therapyms.systemtests.support.Messages;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.User;

/**
 * Random requests at the gateway, generated from its merged OpenAPI document with a seed (logged, so a failure can be
 * replayed with {@code -Dfuzz.seed=<seed>}), sent by a few threads at once. Whatever is sent, the answer must be a
 * 2xx, 3xx or 4xx: a 5xx, or no answer at all, is a bug.
 */
public final class Fuzzer {

    /** The outcome: statuses seen, and every request that got a 5xx or no answer. */
    public record Report(long seed, int requests, Map<Integer, Integer> statuses, List<String> failures) {

        public int serverErrors() {
            return statuses.entrySet().stream().filter(entry -> entry.getKey() >= 500)
                    .mapToInt(Map.Entry::getValue).sum();
        }

        public int noAnswer() {
            return statuses.getOrDefault(NO_ANSWER, 0);
        }

        public String summary() {
            return "fuzz seed " + seed + ": " + requests + " requests, statuses " + statuses + " (" + NO_ANSWER
                    + " = no answer, " + UNSENDABLE + " = not sendable), " + serverErrors() + " 5xx";
        }
    }

    private static final int NO_ANSWER = 0;
    /** A request the HTTP client itself refuses to build (e.g. a URI it cannot parse): nothing reached the gateway. */
    private static final int UNSENDABLE = -1;
    private static final int THREADS = 4;
    /** Requests per set of fuzzing identities. */
    private static final int BATCH = 500;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final HttpClient http = freshClient();

    public Fuzzer(Api api) {
        this.api = api;
    }

    /** The seed from {@code -Dfuzz.seed}, else a new one. */
    public static long seed() {
        String configured = System.getProperty("fuzz.seed", "");
        return configured.isBlank() ? new Random().nextLong() : Long.parseLong(configured.trim());
    }

    /** How many requests from {@code -Dfuzz.requests} (the pom sets 1,000, or 10,000 with -Pfaults). */
    public static int configuredRequests(int fallback) {
        return Integer.getInteger("fuzz.requests", fallback);
    }

    public Report run(long seed, int requests) {
        System.out.println("system-tests: fuzzing with seed " + seed + " (replay: -Dfuzz.seed=" + seed + ")");
        OpenApiOperations operations = OpenApiOperations.parse(document());
        assertThat(operations.operations()).as("operations in the merged OpenAPI document").hasSizeGreaterThan(30);
        Random random = new Random(seed);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        for (int sent = 0; sent < requests; sent += BATCH) {
            // Fuzzed requests log out, deactivate and erase their own callers: fresh ones keep the valid-token share
            // of each batch reaching past authentication.
            Identities identities = Identities.create(api);
            RequestFactory factory = new RequestFactory(operations, identities.validTokens(), identities.brokenTokens(),
                    identities.knownIds(), random);
            List<FuzzRequest> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(BATCH, requests - sent); i++) {
                batch.add(factory.next());
            }
            sendAll(batch, statuses, failures);
        }
        Map<Integer, Integer> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        Report report = new Report(seed, requests, counted, List.copyOf(failures));
        System.out.println("system-tests: " + report.summary());
        report.failures().stream().limit(50).forEach(failure -> System.out.println("system-tests: FUZZ FAILURE " + failure));
        return report;
    }

    private void sendAll(List<FuzzRequest> batch, Map<Integer, AtomicInteger> statuses, List<String> failures) {
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            for (FuzzRequest request : batch) {
                senders.execute(() -> {
                    int status = send(request, failures);
                    statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
                });
            }
        } finally {
            senders.shutdown();
            awaitTermination(senders);
        }
    }

    private int send(FuzzRequest request, List<String> failures) {
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api.gatewayUrl() + request.pathAndQuery()))
                    .timeout(REQUEST_TIMEOUT)
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            httpRequest = builder.build();
        } catch (IllegalArgumentException unsendable) {
            return UNSENDABLE;
        }
        HttpResponse<String> response;
        try {
            response = answer(http, httpRequest);
        } catch (IOException onPooledConnection) {
            // The client may have reused a keep-alive connection the server had just closed (after a 414, say)
            // without telling it; only a request that a fresh connection cannot get answered either counts.
            try {
                response = answer(freshClient(), httpRequest);
            } catch (IOException e) {
                failures.add("no answer (" + e + ") for " + request.describe());
                return NO_ANSWER;
            }
        }
        if (response.statusCode() >= 500) {
            failures.add(response.statusCode() + " for " + request.describe() + " → "
                    + FuzzRequest.cut(response.body(), 500));
        }
        return response.statusCode();
    }

    private static HttpResponse<String> answer(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static HttpClient freshClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private JsonNode document() {
        try {
            return JSON.readTree(api.anonymous().get("/api-docs/openapi.json").then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new IllegalStateException("the merged OpenAPI document is not JSON", e);
        }
    }

    private static void awaitTermination(ExecutorService senders) {
        try {
            if (!senders.awaitTermination(2, TimeUnit.HOURS)) {
                throw new IllegalStateException("the fuzz run did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Who the fuzzer is: a linked client and therapist of its own (with a slot, a request, a message and a journal
     * entry, so ids in paths often exist) and the admin; tokens that are almost valid (another key, no signature,
     * raised privileges) for the negative side.
     */
    private record Identities(List<String> validTokens, List<String> brokenTokens, List<String> knownIds) {

        static Identities create(Api api) {
            Api.Pair pair = api.linkedPair();
            User client = pair.client();
            User therapist = pair.therapist();
            User admin = api.admin();
            List<String> slots = Slots.create(api, therapist, 3);
            // Not the admin's id: a fuzzed deactivation of the admin would lock the other tests out.
            List<String> ids = new ArrayList<>(List.of(client.id(), therapist.id()));
            ids.addAll(slots);
            ids.add(Slots.request(api, client, slots.get(0)));
            ids.add(Messages.send(api, client, therapist, "fuzz target"));
            ids.add(Journal.write(api, client, "fuzz target", "calm", 4, false));
            List<String> broken = List.of(
                    TestTokens.forUser(client.id(), "client"),
                    TestTokens.algNone(therapist.id(), "therapist"),
                    TestTokens.tampered(client.accessToken()),
                    client.accessToken().substring(0, client.accessToken().length() - 4),
                    "not-a-jwt");
            return new Identities(List.of(client.accessToken(), therapist.accessToken(), admin.accessToken()), broken,
                    List.copyOf(ids));
        }
    }
}
