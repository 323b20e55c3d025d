package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
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
    java.util.Optional<String> resourcePrefix;

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

        produce(prefix() + Topics.CLIENTS, user.userId(), record);
        produce(prefix() + Topics.CLIENTS, user.userId(), record);

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
        produce(prefix() + Topics.THERAPISTS, user.userId(),
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

    /** Every identity event about the user so far, decoded (and so schema-checked), oldest first. */
    private List<DecodedEvent> identityEventsOf(String userId) {
        return KafkaProbe.readAll(bootstrap, prefix() + Topics.IDENTITY).stream()
                .filter(r -> userId.equals(r.key()))
                .map(r -> CODEC.decode(r.value()))
                .toList();
    }

    private void produce(String topic, String key, String value) {
        KafkaProbe.produce(bootstrap, topic, key, value);
    }

    private String prefix() {
        return resourcePrefix.orElse("");
    }
}
