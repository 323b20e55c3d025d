package io.therapyms.clients;

import static io.therapyms.clients.ClientApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.GoldenSamples;
import io.therapyms.events.Topics;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.platform.config.PlatformConfig;

/** What client-service publishes on clients.events, and the link projection it keeps from therapists.events. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ClientEventsTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TherapistEvents therapists;

    @Inject
    PlatformConfig config;

    @Test
    void publishesCreatedUpdatedAndDeletedThatMatchTheirSchemas() {
        ClientApi.User client = ClientApi.withProfile(ClientApi.client(), "Grace Hopper");
        as(client).body(Map.of("name", "Grace B. Hopper")).put("/api/clients/" + client.id()).then().statusCode(200);
        as(client).body(Map.of("pronouns", "she/her")).put("/api/clients/" + client.id()).then().statusCode(200);
        as(client).delete("/api/clients/" + client.id()).then().statusCode(204);

        // decode() validates each record against its JSON Schema: a non-conforming event fails here.
        List<DecodedEvent> events = await().atMost(Duration.ofSeconds(20))
                .until(() -> clientEventsOf(client.id()), list -> list.size() >= 4);

        assertThat(events).extracting(DecodedEvent::data).containsExactly(
                new ClientProfileCreated(client.id(), "Grace Hopper"),
                new ClientProfileUpdated(client.id(), "Grace B. Hopper"),
                new ClientProfileUpdated(client.id(), "Grace B. Hopper"),
                new ClientDeleted(client.id()));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.envelope().source()).isEqualTo("/client-service");
            assertThat(e.envelope().subject()).isEqualTo(client.id());
        });
    }

    @Test
    void aRejectedWritePublishesNothing() {
        ClientApi.User client = ClientApi.withProfile(ClientApi.client(), "Once");
        ClientApi.create(client, Map.of("name", "Twice")).then().statusCode(409);
        as(client).body(Map.of("name", "")).put("/api/clients/" + client.id()).then().statusCode(400);
        ClientApi.User marker = ClientApi.clientWithProfile();
        await().atMost(Duration.ofSeconds(20)).until(() -> !clientEventsOf(marker.id()).isEmpty());
        assertThat(clientEventsOf(client.id())).extracting(DecodedEvent::data)
                .containsExactly(new ClientProfileCreated(client.id(), "Once"));
    }

    @Test
    void theGoldenMappingApprovedDeliveredTwiceLinksOnce() throws Exception {
        ClientApi.User client = ClientApi.client();
        ClientApi.User therapist = ClientApi.therapist();
        String record = golden(MappingApproved.class, client.id(), therapist.id());
        therapists.publishRecord(client.id(), record);
        therapists.publishRecord(client.id(), record);

        therapists.awaitLinked(client, therapist, true);
        // a marker published after the duplicate: once it is applied, the duplicate was too
        therapists.link(ClientApi.client(), ClientApi.therapist());
        as(client).get("/api/clients/" + client.id() + "/therapists").then().statusCode(200)
                .body("items.therapistId", equalTo(List.of(therapist.id())))
                .body("items[0].linkedAt", equalTo("2026-11-20T10:24:00Z"));
    }

    @Test
    void theGoldenSamplesOfEveryConsumedTypeAreAcceptedTwice() throws Exception {
        // None may land in the dead-letter topic: each decodes, passes its schema and applies idempotently.
        String key = "golden-" + UUID.randomUUID();
        for (Class<? extends DomainEvent> type : List.of(MappingEnded.class,
                TherapistProfileCreated.class, TherapistProfileUpdated.class, TherapistDeleted.class)) {
            String sample = golden(type, UUID.randomUUID().toString(), UUID.randomUUID().toString());
            therapists.publishRecord(key, sample);
            therapists.publishRecord(key, sample);
        }
        therapists.link(ClientApi.client(), ClientApi.therapist());
        assertThat(KafkaProbe.readUntil(therapists.bootstrap(), Topics.dlq(therapists.topic()), Duration.ofSeconds(2), seen -> false)
                .stream().filter(r -> key.equals(r.key())).toList()).isEmpty();
    }

    @Test
    void mappingEndedUnlinksAndTheTherapistLosesAccess() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        therapists.link(client, therapist);
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(200);

        therapists.publish(new MappingEnded(client.id(), therapist.id(), "client"));
        therapists.awaitLinked(client, therapist, false);
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(404);
        as(therapist).get("/api/clients").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void anEndThatOvertakesItsApprovalKeepsThePairUnlinked() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        Instant approvedAt = Instant.now().minusSeconds(60);
        therapists.publish(new MappingEnded(client.id(), therapist.id(), "therapist"), approvedAt.plusSeconds(30));
        therapists.publish(new MappingApproved(UUID.randomUUID().toString(), client.id(), therapist.id(), "client"), approvedAt);
        // a later link of another therapist shows both events were applied
        ClientApi.User other = ClientApi.therapist();
        therapists.link(client, other);
        assertThat(therapists.linkedTherapistIds(client)).containsExactly(other.id());
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(404);
    }

    @Test
    void aNewApprovalAfterAnEndLinksAgain() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        therapists.link(client, therapist);
        therapists.publish(new MappingEnded(client.id(), therapist.id(), "client"));
        therapists.awaitLinked(client, therapist, false);
        therapists.link(client, therapist);
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(200);
    }

    @Test
    void theTherapistListShowsTheLatestNameFromTherapistEvents() {
        ClientApi.User client = ClientApi.client();
        ClientApi.User therapist = ClientApi.therapist();
        therapists.publish(new TherapistProfileCreated(therapist.id(), "Dr. First", false));
        therapists.link(client, therapist);
        await().atMost(Duration.ofSeconds(20)).until(() -> "Dr. First".equals(nameOfLinkedTherapist(client)));

        therapists.publish(new TherapistProfileUpdated(therapist.id(), "Dr. Second", true));
        await().atMost(Duration.ofSeconds(20)).until(() -> "Dr. Second".equals(nameOfLinkedTherapist(client)));
        // an older update arriving late does not undo the newer name
        therapists.publish(new TherapistProfileUpdated(therapist.id(), "Dr. Stale", true), Instant.now().minusSeconds(3600));
        ClientApi.User marker = ClientApi.client();
        therapists.link(marker, therapist);
        assertThat(nameOfLinkedTherapist(client)).isEqualTo("Dr. Second");
    }

    @Test
    void aDeletedTherapistLosesEveryLinkAndLateApprovalsAreIgnored() {
        ClientApi.User therapist = ClientApi.therapist();
        ClientApi.User first = ClientApi.clientWithProfile();
        ClientApi.User second = ClientApi.clientWithProfile();
        therapists.link(first, therapist);
        therapists.link(second, therapist);

        therapists.publish(new TherapistDeleted(therapist.id()));
        therapists.awaitLinked(first, therapist, false);
        therapists.awaitLinked(second, therapist, false);
        as(therapist).get("/api/clients").then().statusCode(200).body("items", equalTo(List.of()));

        ClientApi.User late = ClientApi.client();
        therapists.publish(new MappingApproved(UUID.randomUUID().toString(), late.id(), therapist.id(), "client"));
        ClientApi.User marker = ClientApi.therapist();
        therapists.link(late, marker);
        assertThat(therapists.linkedTherapistIds(late)).containsExactly(marker.id());
    }

    @Test
    void deletingAClientRemovesItsLinks() {
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        therapists.link(client, therapist);
        as(client).delete("/api/clients/" + client.id()).then().statusCode(204);
        as(therapist).get("/api/clients").then().statusCode(200).body("items", equalTo(List.of()));
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(404);
        assertThat(therapists.linkedTherapistIds(client)).isEmpty();
    }

    @Test
    void aClientDeletedOnClientsEventsDeliveredTwiceRemovesTheLinksOnItsOwn() throws Exception {
        // The request path removes links at once; its own event does it again, so a crash in between leaves none.
        ClientApi.User client = ClientApi.clientWithProfile();
        ClientApi.User therapist = ClientApi.therapist();
        therapists.link(client, therapist);
        ObjectNode sample = (ObjectNode) JSON.readTree(GoldenSamples.of(ClientDeleted.class));
        sample.put("id", UUID.randomUUID().toString());
        sample.put("subject", client.id());
        ((ObjectNode) sample.get("data")).put("clientId", client.id());
        String record = JSON.writeValueAsString(sample);
        KafkaProbe.produce(therapists.bootstrap(), config.prefixed(Topics.CLIENTS), client.id(), record);
        KafkaProbe.produce(therapists.bootstrap(), config.prefixed(Topics.CLIENTS), client.id(), record);

        therapists.awaitLinked(client, therapist, false);
        as(therapist).get("/api/clients/" + client.id()).then().statusCode(404);
        // and a late approval for the deleted client is ignored
        therapists.publish(new MappingApproved(UUID.randomUUID().toString(), client.id(), ClientApi.therapist().id(), "client"));
        ClientApi.User marker = ClientApi.therapist();
        therapists.link(ClientApi.client(), marker);
        assertThat(therapists.linkedTherapistIds(client)).isEmpty();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordWithItsKeyIsProcessed() {
        ClientApi.User client = ClientApi.client();
        ClientApi.User therapist = ClientApi.therapist();
        MappingApproved approved = new MappingApproved(UUID.randomUUID().toString(), client.id(), therapist.id(), "client");
        // Keyed like the approval that follows: same partition, right behind the poison, so the
        // link appears only if the poison did not block its partition.
        String key = approved.aggregateId();
        therapists.publishRecord(key, "{not json");
        therapists.publish(approved);

        therapists.awaitLinked(client, therapist, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> KafkaProbe.readAll(therapists.bootstrap(),
                Topics.dlq(therapists.topic())).stream().anyMatch(r -> key.equals(r.key()) && "{not json".equals(r.value())));
    }

    /**
     * The golden sample of the type with its ids swapped for this test's users (so tests sharing the
     * table do not meet), and a fresh event id; everything else, the time included, is the sample's.
     */
    private static String golden(Class<? extends DomainEvent> type, String clientId, String therapistId) throws Exception {
        ObjectNode sample = (ObjectNode) JSON.readTree(GoldenSamples.of(type));
        sample.put("id", UUID.randomUUID().toString());
        ObjectNode data = (ObjectNode) sample.get("data");
        if (data.has("clientId")) {
            data.put("clientId", clientId);
        }
        if (data.has("therapistId")) {
            data.put("therapistId", therapistId);
        }
        String subjectField = data.has("mappingRequestId") ? "mappingRequestId" : data.has("clientId") ? "clientId" : "therapistId";
        sample.put("subject", data.get(subjectField).asText());
        return JSON.writeValueAsString(sample);
    }

    private String nameOfLinkedTherapist(ClientApi.User client) {
        return as(client).get("/api/clients/" + client.id() + "/therapists").then().statusCode(200)
                .extract().path("items[0].name");
    }

    /**
     * Every clients.events event about the client so far, decoded (and so schema-checked), oldest
     * first. Delivery is at least once, so a record repeated with the same event id counts once,
     * as it does for every consumer; a second event with its own id would still show.
     */
    private List<DecodedEvent> clientEventsOf(String clientId) {
        Map<String, DecodedEvent> byId = new LinkedHashMap<>();
        KafkaProbe.readAll(therapists.bootstrap(), config.prefixed(Topics.CLIENTS))
                .stream()
                .filter(r -> clientId.equals(r.key()))
                .map(r -> CODEC.decode(r.value()))
                .forEach(e -> byId.putIfAbsent(e.envelope().id(), e));
        return List.copyOf(byId.values());
    }
}
