package io.therapyms.therapists;

import static io.therapyms.therapists.TherapistApi.as;
import static io.therapyms.therapists.TherapistApi.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingCancelled;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.MappingRejected;
import io.therapyms.events.therapists.MappingRequested;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.events.therapists.TherapistVerified;

/** What therapist-service publishes on therapists.events, and how it applies clients and identity events. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class TherapistEventsTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tms.resource-prefix")
    Optional<String> resourcePrefix;

    @Test
    void profileChangesArePublishedInOrderAndMatchTheirSchemas() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Evented");
        as(therapist, "therapist").body(Map.of("name", "Dr. Evented Renamed", "timezone", "Asia/Tokyo")).put("/api/therapists/" + therapist)
                .then().statusCode(200);
        as(therapist, "therapist").delete("/api/therapists/" + therapist).then().statusCode(204);

        List<DecodedEvent> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsAbout(therapist), list -> list.size() >= 4);
        assertThat(events).extracting(DecodedEvent::data).containsExactly(
                new TherapistProfileCreated(therapist, "Dr. Evented", false),
                new TherapistVerified(therapist, true),
                new TherapistProfileUpdated(therapist, "Dr. Evented Renamed", true, "Asia/Tokyo"),
                new TherapistDeleted(therapist));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.envelope().source()).isEqualTo("/therapist-service");
            assertThat(e.envelope().subject()).isEqualTo(therapist);
        });
    }

    @Test
    void everyMappingStepIsPublished() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Mapping Events");
        String client = newId();
        String first = TherapistApi.requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
        TherapistApi.decide(therapist, "therapist", first, "rejected").then().statusCode(200);
        String second = TherapistApi.requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
        TherapistApi.decide(client, "client", second, "cancelled").then().statusCode(200);
        String third = TherapistApi.requestMapping(client, therapist).then().statusCode(201).extract().path("mappingRequestId");
        TherapistApi.decide(therapist, "therapist", third, "approved").then().statusCode(200);
        as(therapist, "therapist").delete("/api/mappings/" + client + "/" + therapist).then().statusCode(204);

        List<DomainEvent> mapping = await().atMost(Duration.ofSeconds(30))
                .until(() -> mappingEventsOf(client, therapist), list -> list.size() >= 7);
        // Kafka orders events per aggregate (the request; MappingEnded is keyed by the client), so the
        // steps of each request arrive in order while different requests may interleave.
        assertThat(mapping.stream().filter(e -> first.equals(requestIdOf(e))).toList()).containsExactly(
                new MappingRequested(first, client, therapist, "client"),
                new MappingRejected(first, client, therapist, "client"));
        assertThat(mapping.stream().filter(e -> third.equals(requestIdOf(e))).toList()).containsExactly(
                new MappingRequested(third, client, therapist, "client"),
                new MappingApproved(third, client, therapist, "client"));
        assertThat(mapping).containsExactlyInAnyOrder(
                new MappingRequested(first, client, therapist, "client"),
                new MappingRejected(first, client, therapist, "client"),
                new MappingRequested(second, client, therapist, "client"),
                new MappingCancelled(second, client, therapist, "client"),
                new MappingRequested(third, client, therapist, "client"),
                new MappingApproved(third, client, therapist, "client"),
                new MappingEnded(client, therapist, "therapist"));
    }

    @Test
    void deletingATherapistEndsEachLinkWithAnEvent() {
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Deleted With Links");
        String client = newId();
        TherapistApi.link(client, therapist);
        TherapistApi.asAdmin().delete("/api/therapists/" + therapist).then().statusCode(204);
        List<DomainEvent> mapping = await().atMost(Duration.ofSeconds(30))
                .until(() -> mappingEventsOf(client, therapist), list -> list.size() >= 3);
        assertThat(mapping).filteredOn(e -> e instanceof MappingEnded)
                .containsExactly(new MappingEnded(client, therapist, "admin"));
    }

    @Test
    void clientProfileEventsDeliveredTwiceMakeTheClientInvitableWithItsName() {
        String client = newId();
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Caseload Names");
        String created = sample(ClientProfileCreated.class, client, Map.of("clientId", client, "name", "Maya First"));
        produce(Topics.CLIENTS, client, created);
        produce(Topics.CLIENTS, client, created);

        String requestId = await().atMost(Duration.ofSeconds(30)).until(
                () -> as(therapist, "therapist").body(Map.of("clientId", client)).post("/api/mapping-requests"),
                r -> r.statusCode() == 201).path("mappingRequestId");
        TherapistApi.decide(client, "client", requestId, "approved").then().statusCode(200);
        as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").then()
                .body("items[0].name", org.hamcrest.Matchers.equalTo("Maya First"));

        produce(Topics.CLIENTS, client, sample(ClientProfileUpdated.class, client,
                Map.of("clientId", client, "name", "Maya Renamed")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Maya Renamed".equals(
                as(therapist, "therapist").get("/api/therapists/" + therapist + "/clients").path("items[0].name")));
    }

    @Test
    void aRegisteredClientAccountCanBeInvited() {
        String client = newId();
        String therapist = TherapistApi.newVerifiedTherapist("Dr. Invites Accounts");
        produce(Topics.IDENTITY, client, sample(UserRegistered.class, client,
                Map.of("userId", client, "role", "client", "email", "c@example.org", "name", "Account Name")));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> as(therapist, "therapist").body(Map.of("clientId", client)).post("/api/mapping-requests").statusCode() == 201);
    }

    @Test
    void aClientDeletedTwiceEndsEachLinkOnceAndCancelsPendingRequests() {
        String client = newId();
        String linkedTherapist = TherapistApi.newVerifiedTherapist("Dr. Linked To Erased");
        String pendingTherapist = TherapistApi.newVerifiedTherapist("Dr. Pending With Erased");
        TherapistApi.link(client, linkedTherapist);
        TherapistApi.requestMapping(client, pendingTherapist).then().statusCode(201);

        String deleted = sample(ClientDeleted.class, client, Map.of("clientId", client));
        produce(Topics.CLIENTS, client, deleted);
        produce(Topics.CLIENTS, client, deleted);

        await().atMost(Duration.ofSeconds(30)).until(() -> as(linkedTherapist, "therapist")
                .get("/api/therapists/" + linkedTherapist + "/clients").<List<?>>path("items").isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> mappingEventsOf(client, pendingTherapist).size() >= 2);
        // a later marker event proves the duplicate had its chance to publish a second MappingEnded
        String marker = TherapistApi.newTherapist("Dr. Marker");
        await().atMost(Duration.ofSeconds(30)).until(() -> !eventsAbout(marker).isEmpty());

        assertThat(mappingEventsOf(client, linkedTherapist)).filteredOn(e -> e instanceof MappingEnded)
                .containsExactly(new MappingEnded(client, linkedTherapist, "client"));
        assertThat(mappingEventsOf(client, pendingTherapist)).filteredOn(e -> e instanceof MappingCancelled).hasSize(1);
        as(linkedTherapist, "therapist").body(Map.of("clientId", client)).post("/api/mapping-requests").then().statusCode(404);
    }

    /** The golden sample of an event type with a fresh event id, the subject and data fields replaced. */
    private static String sample(Class<? extends DomainEvent> type, String subject, Map<String, String> data) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(GoldenSamples.of(type));
            node.put("id", newId());
            node.put("subject", subject);
            ObjectNode fields = (ObjectNode) node.get("data");
            data.forEach(fields::put);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void produce(String topic, String key, String value) {
        KafkaProbe.produce(bootstrap, prefix() + topic, key, value);
    }

    /**
     * Every event on the topic, once per event id: delivery is at least once, so a republished event
     * (same id) may appear twice; two events with different ids for one change would still show.
     */
    private List<DecodedEvent> all() {
        java.util.Map<String, DecodedEvent> byId = new java.util.LinkedHashMap<>();
        KafkaProbe.readAll(bootstrap, prefix() + Topics.THERAPISTS).stream()
                .map(r -> CODEC.decode(r.value()))
                .forEach(e -> byId.putIfAbsent(e.envelope().id(), e));
        return List.copyOf(byId.values());
    }

    /** Every therapists.events event whose subject is the id, decoded (and so schema-checked), oldest first. */
    private List<DecodedEvent> eventsAbout(String id) {
        return all().stream().filter(e -> id.equals(e.envelope().subject())).toList();
    }

    private List<DomainEvent> mappingEventsOf(String clientId, String therapistId) {
        return all().stream().map(DecodedEvent::data)
                .filter(d -> clientId.equals(clientOf(d)) && therapistId.equals(therapistOf(d))).toList();
    }

    private static String requestIdOf(DomainEvent d) {
        if (d instanceof MappingRequested m) {
            return m.mappingRequestId();
        } else if (d instanceof MappingApproved m) {
            return m.mappingRequestId();
        } else if (d instanceof MappingRejected m) {
            return m.mappingRequestId();
        } else if (d instanceof MappingCancelled m) {
            return m.mappingRequestId();
        }
        return null;
    }

    private static String clientOf(DomainEvent d) {
        if (d instanceof MappingRequested m) {
            return m.clientId();
        } else if (d instanceof MappingApproved m) {
            return m.clientId();
        } else if (d instanceof MappingRejected m) {
            return m.clientId();
        } else if (d instanceof MappingCancelled m) {
            return m.clientId();
        } else if (d instanceof MappingEnded m) {
            return m.clientId();
        }
        return null;
    }

    private static String therapistOf(DomainEvent d) {
        if (d instanceof MappingRequested m) {
            return m.therapistId();
        } else if (d instanceof MappingApproved m) {
            return m.therapistId();
        } else if (d instanceof MappingRejected m) {
            return m.therapistId();
        } else if (d instanceof MappingCancelled m) {
            return m.therapistId();
        } else if (d instanceof MappingEnded m) {
            return m.therapistId();
        }
        return null;
    }

    private String prefix() {
        return resourcePrefix.orElse("");
    }
}
