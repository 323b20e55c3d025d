package io.therapyms.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.messaging.MessagingApi.User;
import io.therapyms.messaging.NotificationSockets.Listener;
import io.therapyms.messaging.calls.RelaySignatures;
import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class CallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFER = "{\"type\":\"offer\",\"description\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46117 2 IN IP4 192.0.2.7\\r\\n\"}}";
    private static final String CANDIDATE = "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host\",\"sdpMid\":\"0\"}}";

    @TestHTTPResource("/")
    URI base;

    @Inject
    PlatformEvents events;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    /** A linked pair with a session starting in five minutes (its window is open), projected. */
    record Call(User client, User therapist, String sessionId, Instant start, Instant end) {
    }

    private Call session(Instant start, Instant end) {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        return book(client, therapist, start, end);
    }

    private Call book(User client, User therapist, Instant start, Instant end) {
        String sessionId = UUID.randomUUID().toString();
        events.publish(Topics.SCHEDULING, new AppointmentApproved(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), client.id(), therapist.id(), start, end, sessionId));
        await().atMost(Duration.ofSeconds(60)).until(() -> callOf(client, sessionId).statusCode() != 404);
        return new Call(client, therapist, sessionId, start, end);
    }

    private Call openSession() {
        Instant start = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return session(start, start.plus(50, ChronoUnit.MINUTES));
    }

    private static io.restassured.response.Response callOf(User user, String sessionId) {
        return MessagingApi.as(user).get("/api/sessions/" + sessionId + "/call");
    }

    private WebSocket socket(Call call, Listener listener, User user, boolean tokenInHeader) {
        URI uri = base.resolve("/api/sessions/" + call.sessionId() + "/call/signal");
        if (tokenInHeader) {
            return NotificationSockets.open(uri, listener, "bearer", user.token());
        }
        WebSocket socket = NotificationSockets.open(uri, listener);
        socket.sendText("{\"token\": \"" + user.token() + "\"}", true).join();
        return socket;
    }

    private static int closeCode(Listener listener) {
        return listener.closed.orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static boolean received(Listener listener, String type) {
        return listener.messages.stream().anyMatch(m -> m.contains("\"type\":\"" + type + "\""));
    }

    private void cancel(Call call) {
        events.publish(Topics.SCHEDULING, new SessionUpdated(call.sessionId(), call.client().id(), call.therapist().id(), "cancelled"));
    }

    @Test
    void partiesGetTheWindowAndTurnCredentialsThatExpireWhenItCloses() throws Exception {
        Call call = openSession();
        for (User party : List.of(call.client(), call.therapist())) {
            JsonPath body = callOf(party, call.sessionId()).then().statusCode(200).extract().jsonPath();
            Instant closes = call.end().plus(30, ChronoUnit.MINUTES);
            assertThat(body.getString("sessionId")).isEqualTo(call.sessionId());
            assertThat(Instant.parse(body.getString("joinOpensAt"))).isEqualTo(call.start().minus(15, ChronoUnit.MINUTES));
            assertThat(Instant.parse(body.getString("joinClosesAt"))).isEqualTo(closes);
            assertThat(body.getList("iceServers[0].urls", String.class)).containsExactly("stun:127.0.0.1:3478");
            assertThat(body.getString("iceServers[0].username")).isNull();
            assertThat(body.getList("iceServers[1].urls", String.class))
                    .containsExactly("turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp");
            String username = body.getString("iceServers[1].username");
            assertThat(username).isEqualTo(closes.getEpochSecond() + ":" + party.id());
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("test-turn-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            assertThat(body.getString("iceServers[1].credential"))
                    .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void outsideTheWindowIs403NamingItOverRestAndOnTheSocket() {
        Instant later = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Call early = session(later, later.plus(50, ChronoUnit.MINUTES));
        callOf(early.client(), early.sessionId()).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(later.minus(15, ChronoUnit.MINUTES).toString()))
                .body("detail", containsString(later.plus(80, ChronoUnit.MINUTES).toString()));
        Instant past = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Call over = book(early.client(), early.therapist(), past, past.plus(50, ChronoUnit.MINUTES));
        callOf(over.therapist(), over.sessionId()).then().statusCode(403);

        for (Call closed : List.of(early, over)) {
            Listener listener = new Listener();
            socket(closed, listener, closed.client(), true);
            assertThat(closeCode(listener)).isEqualTo(4403);
        }
    }

    @Test
    void onlyTheTwoPartiesSeeTheCall() {
        Call call = openSession();
        Call other = openSession(); // its client is a client of another session
        User stranger = MessagingApi.client();
        User admin = MessagingApi.admin();
        for (User outsider : List.of(stranger, admin, other.client(), other.therapist())) {
            callOf(outsider, call.sessionId()).then().statusCode(404).body("status", equalTo(404));
            Listener listener = new Listener();
            socket(call, listener, outsider, outsider == stranger);
            assertThat(closeCode(listener)).as("socket of an outsider").isEqualTo(4403);
        }
        callOf(null, call.sessionId()).then().statusCode(401);
        callOf(call.client(), UUID.randomUUID().toString()).then().statusCode(404);
    }

    @Test
    void aCancelledSessionIs409AndClosesAnOpenSocketAt4403() {
        Call call = openSession();
        Listener open = new Listener();
        socket(call, open, call.client(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !open.closed.isDone()
                && callOf(call.client(), call.sessionId()).statusCode() == 200);
        cancel(call);
        assertThat(closeCode(open)).isEqualTo(4403);
        callOf(call.client(), call.sessionId()).then().statusCode(409).contentType("application/problem+json");
        Listener late = new Listener();
        socket(call, late, call.therapist(), true);
        assertThat(closeCode(late)).isEqualTo(4403);
    }

    @Test
    void theWindowsCloseClosesAnOpenSocketAt4403() {
        // a session that ended 30 minutes ago, less a few seconds: its window is still open, for a moment
        Instant end = Instant.now().minus(30, ChronoUnit.MINUTES).plus(25, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        Call call = session(end.minus(50, ChronoUnit.MINUTES), end);
        Listener open = new Listener();
        socket(call, open, call.client(), true);
        Listener therapist = new Listener();
        socket(call, therapist, call.therapist(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(open, "peer-joined"));
        assertThat(open.closed).as("open inside the window").isNotDone();
        assertThat(open.closed.orTimeout(40, TimeUnit.SECONDS).join()).isEqualTo(4403);
        assertThat(Instant.now()).isAfterOrEqualTo(end.plus(30, ChronoUnit.MINUTES));
        assertThat(closeCode(therapist)).isEqualTo(4403);
        callOf(call.client(), call.sessionId()).then().statusCode(403);
    }

    @Test
    void completedKeepsACallInProgressButAdmitsNoNewJoinAndNoShowEndsIt() {
        Call call = openSession();
        Listener client = new Listener();
        socket(call, client, call.client(), true);
        Listener therapist = new Listener();
        socket(call, therapist, call.therapist(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(client, "peer-joined") && received(therapist, "peer-joined"));
        events.publish(Topics.SCHEDULING, new SessionUpdated(call.sessionId(), call.client().id(), call.therapist().id(), "completed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> callOf(call.client(), call.sessionId()).statusCode() == 409);
        Listener late = new Listener();
        socket(call, late, call.client(), false);
        assertThat(closeCode(late)).as("a new join after completed").isEqualTo(4403);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !client.closed.isDone() && !therapist.closed.isDone()); // the call in progress goes on

        Call other = openSession();
        Listener open = new Listener();
        socket(other, open, other.therapist(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> callOf(other.therapist(), other.sessionId()).statusCode() == 200
                && !open.closed.isDone());
        events.publish(Topics.SCHEDULING, new SessionUpdated(other.sessionId(), other.client().id(), other.therapist().id(), "no_show"));
        assertThat(closeCode(open)).isEqualTo(4403);
        callOf(other.therapist(), other.sessionId()).then().statusCode(409);
    }

    @Test
    void anEndedLinkIs403AndClosesAnOpenSocketAt4403() {
        Call call = openSession();
        Listener open = new Listener();
        socket(call, open, call.therapist(), true);
        Listener client = new Listener();
        socket(call, client, call.client(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(open, "peer-joined"));
        events.unlink(call.client(), call.therapist());
        assertThat(closeCode(open)).isEqualTo(4403);
        assertThat(closeCode(client)).isEqualTo(4403);
        callOf(call.therapist(), call.sessionId()).then().statusCode(403);
        Listener late = new Listener();
        socket(call, late, call.therapist(), false);
        assertThat(closeCode(late)).as("the unlinked therapist").isEqualTo(4403);
    }

    @Test
    void aPartyWhoseTokenMustStillEnrolASecondFactorIsRefused1008() {
        Call call = openSession();
        User mustEnrol = MessagingApi.mustEnrol(call.therapist().id(), "therapist");
        for (boolean inHeader : List.of(true, false)) {
            Listener listener = new Listener();
            socket(call, listener, mustEnrol, inHeader);
            assertThat(closeCode(listener)).isEqualTo(1008);
        }
        Listener party = new Listener();
        WebSocket open = socket(call, party, call.therapist(), true);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !party.closed.isDone());
        open.abort();
    }

    @Test
    void invalidTokensClose1008() {
        Call call = openSession();
        Listener listener = new Listener();
        WebSocket socket = NotificationSockets.open(base.resolve("/api/sessions/" + call.sessionId() + "/call/signal"), listener);
        socket.sendText("{\"token\": \"not-a-token\"}", true).join();
        assertThat(closeCode(listener)).isEqualTo(1008);
    }

    @Test
    void relaysVerbatimBothWaysAndSurvivesAReconnect() {
        Call call = openSession();
        Listener client = new Listener();
        WebSocket clientSocket = socket(call, client, call.client(), false);
        Listener therapist = new Listener();
        WebSocket therapistSocket = socket(call, therapist, call.therapist(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(client, "peer-joined") && received(therapist, "peer-joined"));

        therapistSocket.sendText(OFFER, true).join();
        clientSocket.sendText(CANDIDATE, true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.contains(OFFER) && therapist.messages.contains(CANDIDATE));

        clientSocket.sendClose(1000, "reload").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(therapist, "peer-left"));
        therapist.messages.clear();
        Listener back = new Listener();
        WebSocket again = socket(call, back, call.client(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(therapist, "peer-joined") && received(back, "peer-joined"));
        therapistSocket.sendText(OFFER, true).join(); // an ICE restart
        await().atMost(Duration.ofSeconds(10)).until(() -> back.messages.contains(OFFER));
        assertThat(client.messages).containsOnlyOnce(OFFER);
        again.abort();
        therapistSocket.abort();
    }

    @Test
    void refusesOversizedUnknownAndTooFrequentMessagesWithAnError() {
        Call call = openSession();
        Listener client = new Listener();
        WebSocket socket = socket(call, client, call.client(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> callOf(call.client(), call.sessionId()).statusCode() == 200);
        socket.sendText("{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(64 * 1024) + "\"}", true).join();
        socket.sendText("{\"type\":\"hello\"}", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.stream().filter(m -> m.contains("\"error\"")).count() >= 2);
        for (int i = 0; i < 120; i++) {
            socket.sendText("{\"type\":\"bye\"}", true).join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.stream().anyMatch(m -> m.contains("messages a second")));
        assertThat(client.closed).isNotDone();
        socket.abort();
    }

    /**
     * The other party's socket is held by another instance, which the test plays: registered with the address of an
     * HTTP server of its own, its socket id in the session's presence. What the party here says reaches it in a signed
     * POST; what it POSTs, signed, reaches the party here; none of it is on Kafka.
     */
    @Test
    void signalsCrossInstancesInSignedPostsAndNeverOnTheTopic() throws Exception {
        Call call = openSession();
        try (FakeInstance other = new FakeInstance(UUID.randomUUID().toString(), Long.MAX_VALUE / 2)) {
            other.holds(call, call.therapist());
            Listener client = new Listener();
            WebSocket clientSocket = socket(call, client, call.client(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> received(client, "peer-joined"));
            await().atMost(Duration.ofSeconds(10)).until(() -> other.received(call.therapist(), "peer-joined"));

            clientSocket.sendText(OFFER, true).join();
            clientSocket.sendText(CANDIDATE, true).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> other.texts(call.therapist()).containsAll(List.of(OFFER, CANDIDATE)));
            List<String> texts = other.texts(call.therapist());
            assertThat(texts.indexOf(OFFER)).as("the offer before its candidate").isLessThan(texts.indexOf(CANDIDATE));
            assertThat(other.unsigned).as("every POST signed, fresh, for its session").isZero();

            String answer = "{\"type\":\"answer\",\"description\":{\"type\":\"answer\",\"sdp\":\"v=0 a\"}}";
            deliver(call.sessionId(), body(call.client(), answer), Instant.now(), true).then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.contains(answer));
            clientSocket.abort();

            List<ConsumerRecord<String, String>> signal = KafkaProbe.readAll(events.bootstrap(), events.topic("messaging.signal"));
            assertThat(signal).allSatisfy(r -> assertThat(r.value())
                    .doesNotContain("\"kind\":\"signal\"").doesNotContain("offer").doesNotContain("answer")
                    .doesNotContain("candidate").doesNotContain("sdp").doesNotContain("v=0").doesNotContain("192.0.2.7"));
        }
    }

    @Test
    void theDeliverEndpointRefusesUnsignedBadlySignedAndStaleRequests() {
        Call call = openSession();
        Listener client = new Listener();
        WebSocket clientSocket = socket(call, client, call.client(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> callOf(call.client(), call.sessionId()).statusCode() == 200);
        String body = body(call.client(), OFFER);
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .post("/internal/calls/" + call.sessionId() + "/deliver").then().statusCode(401).contentType("application/problem+json");
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .header(RelaySignatures.TIME_HEADER, Long.toString(Instant.now().toEpochMilli()))
                .header(RelaySignatures.SIGNATURE_HEADER, "not-a-signature")
                .post("/internal/calls/" + call.sessionId() + "/deliver").then().statusCode(401);
        deliver(call.sessionId(), body, Instant.now().minusSeconds(60), true).then().statusCode(401);
        deliver(call.sessionId(), body, Instant.now().plusSeconds(60), true).then().statusCode(401);
        deliver(call.sessionId(), body, Instant.now(), false).then().statusCode(401); // signed with another secret
        // signed for another session, sent to this one
        long now = Instant.now().toEpochMilli();
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .header(RelaySignatures.TIME_HEADER, Long.toString(now))
                .header(RelaySignatures.SIGNATURE_HEADER, sign(secret, now, UUID.randomUUID().toString(), body))
                .post("/internal/calls/" + call.sessionId() + "/deliver").then().statusCode(401);
        assertThat(client.messages).doesNotContain(OFFER);
        deliver(call.sessionId(), body, Instant.now(), true).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.contains(OFFER));
        clientSocket.abort();
    }

    /**
     * An instance that died with a call open (no leave written): its registry entry stops beating, and this instance
     * clears its socket ids from the presence. The party here hears peer-left; a session whose both parties were on the
     * dead instance ends, CallEnded once.
     */
    @Test
    void aDeadInstancesSocketsLeaveThePresenceThePartyHereHearsPeerLeftAndCallEndedFollowsOnce() throws Exception {
        Call call = openSession();
        Call alone = openSession();
        try (FakeInstance dead = new FakeInstance(UUID.randomUUID().toString(), Long.MAX_VALUE / 2)) {
            dead.holds(call, call.therapist());
            dead.holds(alone, alone.client());
            dead.holds(alone, alone.therapist());
            dynamo.updateItem(u -> u.tableName(table()).key(callKey(alone.sessionId()))
                    .updateExpression("SET startedAt = :at")
                    .expressionAttributeValues(java.util.Map.of(":at", AttributeValue.fromS(Instant.now().toString()))));
            Listener client = new Listener();
            WebSocket clientSocket = socket(call, client, call.client(), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> received(client, "peer-joined"));
            assertThat(client.messages).noneMatch(m -> m.contains("peer-left"));

            dead.dies();
            await().atMost(Duration.ofSeconds(20)).until(() -> received(client, "peer-left"));
            assertThat(client.messages.stream().filter(m -> m.contains("peer-left")).findFirst().orElseThrow())
                    .contains(call.therapist().id()).contains("therapist");
            await().atMost(Duration.ofSeconds(10)).until(() -> dynamo.getItem(g -> g.tableName(table())
                    .key(java.util.Map.of("pk", AttributeValue.fromS("CALL-INSTANCES"), "sk", AttributeValue.fromS(dead.id)))
                    .consistentRead(true)).item().isEmpty());
            assertThat(client.closed).isNotDone();
            clientSocket.sendClose(1000, "leave").join();

            for (Call ended : List.of(call, alone)) {
                KafkaProbe.readUntil(events.bootstrap(), events.topic(Topics.MESSAGING), Duration.ofSeconds(30),
                        records -> records.stream().anyMatch(r -> ended.sessionId().equals(r.key()) && r.value().contains("CallEnded")));
            }
            List<ConsumerRecord<String, String>> all = KafkaProbe.readUntil(events.bootstrap(), events.topic(Topics.MESSAGING),
                    Duration.ofSeconds(3), records -> false);
            for (Call ended : List.of(call, alone)) {
                assertThat(all).filteredOn(r -> ended.sessionId().equals(r.key()) && r.value().contains("therapy.messaging.CallEnded.v1"))
                        .hasSize(1);
            }
        }
    }

    @ConfigProperty(name = "messaging.calls.relay-secret")
    String secret;

    private static String body(User to, String text) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("messages", List.of(java.util.Map.of("to", to.id(), "text", text))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private io.restassured.response.Response deliver(String sessionId, String body, Instant at, boolean rightSecret) {
        long time = at.toEpochMilli();
        return io.restassured.RestAssured.given().contentType("application/json").body(body)
                .header(RelaySignatures.TIME_HEADER, Long.toString(time))
                .header(RelaySignatures.SIGNATURE_HEADER, sign(rightSecret ? secret : "another-secret", time, sessionId, body))
                .post("/internal/calls/" + sessionId + "/deliver");
    }

    /** The relay signature as the contract says: HMAC-SHA256 under HMAC-SHA256(secret, "messaging-call-relay-v2"). */
    static String sign(String secret, long time, String sessionId, String body) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] key = derive.doFinal("messaging-call-relay-v2".getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((time + "\n" + sessionId + "\n").getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String table() {
        return config.prefixed(MessagingTables.MAIN);
    }

    private static java.util.Map<String, AttributeValue> callKey(String sessionId) {
        return java.util.Map.of("pk", AttributeValue.fromS("CALL#" + sessionId), "sk", AttributeValue.fromS("CALL"));
    }

    /** Another instance as the store sees it (registry entry, index, socket ids), with an HTTP server of its own. */
    private final class FakeInstance implements AutoCloseable {
        final String id;
        final HttpServer server;
        final List<JsonNode> deliveries = new CopyOnWriteArrayList<>();
        volatile int unsigned;

        FakeInstance(String id, long lastSeen) throws Exception {
            this.id = id;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/internal/calls/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String sessionId = exchange.getRequestURI().getPath().split("/")[3];
                String time = exchange.getRequestHeaders().getFirst(RelaySignatures.TIME_HEADER);
                String signature = exchange.getRequestHeaders().getFirst(RelaySignatures.SIGNATURE_HEADER);
                if (time == null || signature == null || Math.abs(Long.parseLong(time) - System.currentTimeMillis()) > 15_000
                        || !sign(secret, Long.parseLong(time), sessionId, body).equals(signature)) {
                    unsigned++;
                }
                for (JsonNode message : JSON.readTree(body).path("messages")) {
                    deliveries.add(message);
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            dynamo.putItem(p -> p.tableName(table()).item(java.util.Map.of(
                    "pk", AttributeValue.fromS("CALL-INSTANCES"), "sk", AttributeValue.fromS(id),
                    "url", AttributeValue.fromS(url), "lastSeen", AttributeValue.fromN(Long.toString(lastSeen)))));
        }

        /** A socket of the user in the call, held by this instance. */
        void holds(Call call, User user) {
            dynamo.putItem(p -> p.tableName(table()).item(java.util.Map.of(
                    "pk", AttributeValue.fromS("CALL-INSTANCE#" + id), "sk", AttributeValue.fromS("SESSION#" + call.sessionId()),
                    "at", AttributeValue.fromN("1"))));
            String set = user.equals(call.client()) ? "clientSockets" : "therapistSockets";
            dynamo.updateItem(u -> u.tableName(table()).key(callKey(call.sessionId()))
                    .updateExpression("ADD " + set + " :s")
                    .expressionAttributeValues(java.util.Map.of(":s", AttributeValue.fromSs(List.of(id + "." + UUID.randomUUID())))));
        }

        /** Its beat stops: last seen long ago. */
        void dies() {
            dynamo.updateItem(u -> u.tableName(table()).key(java.util.Map.of(
                    "pk", AttributeValue.fromS("CALL-INSTANCES"), "sk", AttributeValue.fromS(id)))
                    .updateExpression("SET lastSeen = :old")
                    .expressionAttributeValues(java.util.Map.of(":old", AttributeValue.fromN("1"))));
        }

        List<String> texts(User to) {
            return deliveries.stream().filter(d -> d.path("to").asText().equals(to.id())).map(d -> d.path("text").asText()).toList();
        }

        boolean received(User to, String type) {
            return texts(to).stream().anyMatch(t -> t.contains("\"type\":\"" + type + "\""));
        }

        @Override
        public void close() {
            server.stop(0);
            dynamo.deleteItem(d -> d.tableName(table()).key(java.util.Map.of(
                    "pk", AttributeValue.fromS("CALL-INSTANCES"), "sk", AttributeValue.fromS(id))));
        }
    }

    @Test
    void callStartedAndCallEndedArePublishedOnceEachWithIdsAndTimesOnly() throws Exception {
        Call call = openSession();
        Listener client = new Listener();
        WebSocket clientSocket = socket(call, client, call.client(), true);
        Listener therapist = new Listener();
        WebSocket therapistSocket = socket(call, therapist, call.therapist(), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(client, "peer-joined"));
        therapistSocket.sendText(OFFER, true).join();
        // a reconnect of one side is the same call
        therapistSocket.sendClose(1000, "reload").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(client, "peer-left"));
        Listener back = new Listener();
        WebSocket again = socket(call, back, call.therapist(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(back, "peer-joined"));
        again.sendClose(1000, "leave").join();
        clientSocket.sendClose(1000, "leave").join();

        EventCodec codec = new EventCodec();
        List<ConsumerRecord<String, String>> seen = KafkaProbe.readUntil(events.bootstrap(), events.topic(Topics.MESSAGING),
                Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> r.key().equals(call.sessionId())
                        && r.value().contains("CallEnded")));
        // give a duplicate a chance to show up before counting
        List<ConsumerRecord<String, String>> all = KafkaProbe.readUntil(events.bootstrap(), events.topic(Topics.MESSAGING),
                Duration.ofSeconds(3), records -> false);
        List<String> ofThisCall = all.stream().filter(r -> call.sessionId().equals(r.key())).map(ConsumerRecord::value).toList();
        assertThat(seen).isNotEmpty();
        assertThat(ofThisCall).filteredOn(v -> v.contains("therapy.messaging.CallStarted.v1")).hasSize(1);
        assertThat(ofThisCall).filteredOn(v -> v.contains("therapy.messaging.CallEnded.v1")).hasSize(1);
        for (String value : ofThisCall) {
            codec.decode(value); // validates against the schema
            assertThat(value).doesNotContain("sdp").doesNotContain("192.0.2.7").doesNotContain("candidate");
        }
        JsonNode ended = JSON.readTree(ofThisCall.stream().filter(v -> v.contains("CallEnded")).findFirst().orElseThrow());
        assertThat(ended.at("/data/clientId").asText()).isEqualTo(call.client().id());
        assertThat(ended.at("/data/therapistId").asText()).isEqualTo(call.therapist().id());
        assertThat(ended.at("/data/durationSeconds").asLong()).isBetween(0L, 120L);
    }
}
