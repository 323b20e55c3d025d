package io.therapyms.systemtests.messaging;

import static io.therapyms.systemtests.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;
import io.therapyms.devstack.Apps;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.devstack.LocalStack;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.CallSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.SystemStack;

/**
 * Issue #18: an instance of messaging-service that dies with calls open (kill -9: no socket closed, no leave written)
 * must not leave the other party waiting or a call that never ends. Two calls: in one the therapist is on instance A
 * (through the gateway) and the client on instance B; in the other both parties are on B. B is killed: within 20 s
 * the therapist on A hears {@code peer-left}; the call with nobody left ends, and the other ends when the therapist
 * leaves; CallStarted and CallEnded are on {@code messaging.events} exactly once each for both.
 */
@ExtendWith(SystemStack.class)
class CallInstanceCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PEER_LEFT_WITHIN = Duration.ofSeconds(20);

    @Test
    void aKilledInstancesPartiesLeaveTheCallsPeerLeftReachesTheSurvivorAndEachCallEndsOnce(Api api, LocalStack stack) {
        Api.Pair acrossPair = api.linkedPair();
        Api.Pair bothOnB = api.linkedPair();
        String across = bookSessionStartingSoon(api, acrossPair);
        String alone = bookSessionStartingSoon(api, bothOnB);
        eventually().until(() -> api.as(acrossPair.client()).get("/api/sessions/{id}/call", across).statusCode() == 200
                && api.as(bothOnB.client()).get("/api/sessions/{id}/call", alone).statusCode() == 200);

        // a short Kafka session timeout: the killed instance leaves the shared consumer group soon, not after 45 s
        LocalStack.ExtraInstance instanceB = stack.startExtraInstance(Apps.MESSAGING_SERVICE, freePort(),
                List.of("-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=6000",
                        "-Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=1000"));
        try (instanceB;
             CallSocket therapistOnA = CallSocket.open(api.gatewayUrl(), across, acrossPair.therapist(), TokenCarrier.FIRST_MESSAGE);
             CallSocket clientOnB = CallSocket.open(instanceB.baseUrl(), across, acrossPair.client(), TokenCarrier.SUBPROTOCOL);
             CallSocket aloneClient = CallSocket.open(instanceB.baseUrl(), alone, bothOnB.client(), TokenCarrier.SUBPROTOCOL);
             CallSocket aloneTherapist = CallSocket.open(instanceB.baseUrl(), alone, bothOnB.therapist(), TokenCarrier.SUBPROTOCOL)) {
            therapistOnA.awaitType("peer-joined", Api.EVENTUAL);
            clientOnB.awaitType("peer-joined", Api.EVENTUAL);
            aloneClient.awaitType("peer-joined", Api.EVENTUAL);
            aloneTherapist.awaitType("peer-joined", Api.EVENTUAL);
            String offer = "{\"type\":\"offer\",\"description\":{\"type\":\"offer\",\"sdp\":\"v=0 crash\"}}";
            therapistOnA.send(offer);
            eventually().until(() -> clientOnB.hasReceived(offer));
            assertThat(therapistOnA.hasReceivedType("peer-left")).isFalse();

            long killed = System.nanoTime();
            instanceB.kill9();
            Awaitility.await().atMost(PEER_LEFT_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> therapistOnA.hasReceivedType("peer-left"));
            System.out.printf("peer-left reached the survivor %d ms after the kill%n", (System.nanoTime() - killed) / 1_000_000);
            assertThat(therapistOnA.received().stream().filter(m -> m.contains("peer-left")).findFirst().orElseThrow())
                    .contains(acrossPair.client().id()).contains("\"role\":\"client\"");
            assertThat(therapistOnA.closed()).isNotDone();

            awaitEvent(stack, alone, "CallEnded");
            therapistOnA.close();
            awaitEvent(stack, across, "CallEnded");
        }
        // give a duplicate the time to show up before counting
        List<ConsumerRecord<String, String>> events = KafkaProbe.readUntil(stack.kafkaBootstrap(), "messaging.events",
                Duration.ofSeconds(5), records -> false);
        // Delivery is at-least-once (EVENTS.md): a relay killed between its send and its mark may publish the same
        // event again, under the same CloudEvent id, and consumers drop it. "Once" therefore means one event id.
        for (String sessionId : List.of(across, alone)) {
            List<JsonNode> ofCall = events.stream().filter(r -> sessionId.equals(r.key())).map(r -> json(r.value())).toList();
            for (String type : List.of("CallStarted", "CallEnded")) {
                assertThat(ofCall.stream().filter(e -> e.path("type").asText().equals("therapy.messaging." + type + ".v1"))
                        .map(e -> e.path("id").asText()).distinct())
                        .as("%s ids of %s", type, sessionId).hasSize(1);
            }
        }
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitEvent(LocalStack stack, String sessionId, String type) {
        List<ConsumerRecord<String, String>> seen = KafkaProbe.readUntil(stack.kafkaBootstrap(), "messaging.events",
                Api.EVENTUAL, records -> records.stream().anyMatch(r -> sessionId.equals(r.key()) && r.value().contains(type)));
        assertThat(seen).as("%s of %s", type, sessionId).anyMatch(r -> sessionId.equals(r.key()) && r.value().contains(type));
    }

    /** A slot starting in about ten minutes (its call window is open), requested and approved; its session id. */
    private static String bookSessionStartingSoon(Api api, Api.Pair pair) {
        Instant start = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        Response created = api.as(pair.therapist())
                .body(Map.of("slots", List.of(Map.of("startTime", start.toString(),
                        "endTime", start.plus(30, ChronoUnit.MINUTES).toString()))))
                .post("/api/session-slots/{id}", pair.therapist().id());
        assertThat(created.statusCode()).as("slot: %s", created.asString()).isEqualTo(201);
        String slotId = created.jsonPath().getString("items[0].slotId");
        String requestId = Slots.request(api, pair.client(), slotId);
        Response approved = api.as(pair.therapist()).body(Map.of("status", "approved"))
                .put("/api/appointment-requests/{id}", requestId);
        assertThat(approved.statusCode()).as("approval: %s", approved.asString()).isEqualTo(200);
        return eventually().until(() -> Slots.sessionsOf(api, pair.client(), slotId), sessions -> !sessions.isEmpty())
                .get(0).get("sessionId").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
