package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.identity.TokenRevoked;
import io.therapyms.events.identity.UserDeactivated;
import io.therapyms.events.identity.UserRegistered;

/** What auth-service publishes on identity.events, and how it reacts to profile deletions. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class IdentityEventsTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tms.resource-prefix")
    String prefix;

    @Test
    void publishesUserRegisteredAndTokenRevokedThatMatchTheirSchemas() {
        AuthApi.User user = AuthApi.newUser("therapist");
        AuthApi.Tokens tokens = AuthApi.loginOk(user);
        given().header("Authorization", tokens.bearer()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", tokens.refreshToken())).post("/api/auth/logout").then().statusCode(204);

        // decode() validates each record against its JSON Schema: a non-conforming event fails here.
        List<DecodedEvent> events = await().atMost(Duration.ofSeconds(20))
                .until(() -> identityEventsOf(user.userId()), list -> list.size() >= 2);

        assertThat(events.get(0).data()).isEqualTo(new UserRegistered(user.userId(), "therapist", user.email(), "Test Person"));
        assertThat(events.get(0).envelope().source()).isEqualTo("/auth-service");
        assertThat(events.get(1).data()).isInstanceOf(TokenRevoked.class);
        assertThat(((TokenRevoked) events.get(1).data()).userId()).isEqualTo(user.userId());
        assertThat(events).allSatisfy(e -> assertThat(e.envelope().subject()).isEqualTo(user.userId()));
    }

    @Test
    void aClientDeletedEventDeliveredTwiceDeactivatesTheAccountOnce() throws Exception {
        AuthApi.User user = AuthApi.newUser("client");
        String record = goldenSampleFor("therapy.client.ClientDeleted.v1", "clientId", user.userId());

        produce(prefix + Topics.CLIENTS, user.userId(), record);
        produce(prefix + Topics.CLIENTS, user.userId(), record);

        await().atMost(Duration.ofSeconds(20)).until(() -> AuthApi.login(user.email(), user.password()).statusCode() == 401);
        // Read on past a later marker: the duplicate delivery must not have published a second event.
        AuthApi.User marker = AuthApi.newUser("client");
        await().atMost(Duration.ofSeconds(20)).until(() -> !identityEventsOf(marker.userId()).isEmpty());
        List<DecodedEvent> deactivations = identityEventsOf(user.userId()).stream()
                .filter(e -> e.data() instanceof UserDeactivated).toList();
        assertThat(deactivations).hasSize(1);
    }

    @Test
    void aTherapistDeletedEventDeactivatesTheAccount() throws Exception {
        AuthApi.User user = AuthApi.newUser("therapist");
        produce(prefix + Topics.THERAPISTS, user.userId(),
                goldenSampleFor("therapy.therapist.TherapistDeleted.v1", "therapistId", user.userId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> AuthApi.login(user.email(), user.password()).statusCode() == 401);
    }

    /** The golden sample of the type with its subject swapped for one of our accounts; the event id is kept. */
    private static String goldenSampleFor(String type, String idField, String id) throws IOException {
        try (InputStream in = EventCodec.class.getClassLoader().getResourceAsStream("events/samples/" + type + ".json")) {
            ObjectNode sample = (ObjectNode) JSON.readTree(in);
            sample.put("id", UUID.randomUUID().toString());
            sample.put("subject", id);
            ((ObjectNode) sample.get("data")).put(idField, id);
            return JSON.writeValueAsString(sample);
        }
    }

    private List<DecodedEvent> identityEventsOf(String userId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<DecodedEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(prefix + Topics.IDENTITY));
            long deadline = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (userId.equals(r.key())) {
                        events.add(CODEC.decode(r.value()));
                    }
                });
            }
        }
        return events;
    }

    private void produce(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
