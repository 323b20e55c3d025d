package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.GoldenSamples;
import io.therapyms.events.Topics;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessRejected;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentCancelled;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.therapists.MappingRejected;
import io.therapyms.events.therapists.MappingRequested;
import io.therapyms.messaging.MessagingApi.User;
import io.therapyms.messaging.notifications.NotificationService;
import io.therapyms.platform.consumer.IdempotentConsumer;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class NotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    PlatformEvents events;

    @Inject
    NotificationService notificationService;

    @Inject
    IdempotentConsumer consumer;

    @Test
    void aMessageRaisesMessageReceivedForTheRecipientWithIdsOnly() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = MessagingApi.sent(client, therapist, "secret words");
        await().atMost(Duration.ofSeconds(20)).until(() -> PlatformEvents.notificationTypes(therapist).contains("message.received"));
        Map<String, Object> n = as(therapist).get("/api/notifications").then().statusCode(200).extract().jsonPath()
                .getMap("items[0]");
        assertThat(n).containsOnlyKeys("notificationId", "type", "subjectId", "actorId", "createdAt", "read")
                .containsEntry("type", "message.received").containsEntry("subjectId", id)
                .containsEntry("actorId", client.id()).containsEntry("read", false);
        assertThat(as(therapist).get("/api/notifications").asString()).doesNotContain("secret words");
        assertThat(PlatformEvents.notificationTypes(client)).doesNotContain("message.received");
    }

    @Test
    void eventsOfEveryTopicNotifyTheRightPerson() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        String c = client.id();
        String t = therapist.id();
        Instant start = Instant.parse("2027-01-01T10:00:00Z");
        Instant end = start.plusSeconds(3000);
        String ap = UUID.randomUUID().toString();
        String ja = UUID.randomUUID().toString();
        events.publish(Topics.THERAPISTS, new MappingRequested(UUID.randomUUID().toString(), c, t, "client"));
        events.publish(Topics.THERAPISTS, new MappingRejected(UUID.randomUUID().toString(), c, t, "client"));
        events.publish(Topics.SCHEDULING, new AppointmentRequested(ap, UUID.randomUUID().toString(), c, t, start, end));
        events.publish(Topics.SCHEDULING, new AppointmentApproved(ap, UUID.randomUUID().toString(), c, t, start, end, UUID.randomUUID().toString()));
        events.publish(Topics.SCHEDULING, new AppointmentRejected(ap, UUID.randomUUID().toString(), c, t, start, end));
        events.publish(Topics.SCHEDULING, new AppointmentCancelled(ap, UUID.randomUUID().toString(), c, t, start, end));
        events.publish(Topics.SCHEDULING, new SessionUpdated(UUID.randomUUID().toString(), c, t, "completed"));
        events.publish(Topics.JOURNAL, new AccessRequested(ja, c, t));
        events.publish(Topics.JOURNAL, new AccessApproved(ja, c, t, start));
        events.publish(Topics.JOURNAL, new AccessRejected(ja, c, t));
        events.publish(Topics.JOURNAL, new AccessRevoked(ja, c, t));

        List<String> forTherapist = List.of("mapping.requested", "appointment.requested", "appointment.cancelled",
                "journal-access.approved", "journal-access.rejected", "journal-access.revoked");
        List<String> forClient = List.of("mapping.rejected", "appointment.approved", "appointment.rejected",
                "appointment.cancelled", "session.updated", "journal-access.requested");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(PlatformEvents.notificationTypes(therapist)).containsExactlyInAnyOrderElementsOf(forTherapist);
            assertThat(PlatformEvents.notificationTypes(client)).containsExactlyInAnyOrderElementsOf(forClient);
        });
    }

    @Test
    void goldenSamplesDeliveredTwiceRaiseOneNotificationEach() throws Exception {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        // scheduling: requested → therapist; journal: requested → client
        String appointment = withParties(GoldenSamples.of(AppointmentRequested.class), client, therapist);
        String access = withParties(GoldenSamples.of(AccessRequested.class), client, therapist);
        for (int i = 0; i < 2; i++) {
            events.publishRecord(Topics.SCHEDULING, therapist.id(), appointment);
            events.publishRecord(Topics.JOURNAL, client.id(), access);
        }
        // a marker event published after the duplicates: once it shows, the duplicates were consumed
        // (same record keys, so same partitions, as the duplicates)
        events.publishRecord(Topics.SCHEDULING, therapist.id(), CODEC.encode(
                new SessionUpdated(UUID.randomUUID().toString(), client.id(), therapist.id(), "completed"), UUID.randomUUID().toString(), Instant.now()));
        events.publishRecord(Topics.JOURNAL, client.id(), CODEC.encode(
                new AccessRevoked(UUID.randomUUID().toString(), client.id(), therapist.id()), UUID.randomUUID().toString(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> PlatformEvents.notificationTypes(client).contains("session.updated")
                && PlatformEvents.notificationTypes(therapist).contains("journal-access.revoked"));
        assertThat(PlatformEvents.notificationTypes(therapist)).containsExactlyInAnyOrder("appointment.requested", "journal-access.revoked");
        assertThat(PlatformEvents.notificationTypes(client)).containsExactlyInAnyOrder("journal-access.requested", "session.updated");
    }

    @Test
    void duplicateDeliveriesOnTheLinkAndMessageTopicsRaiseOneNotificationEach() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        String requestId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        String requested = CODEC.encode(new MappingRequested(requestId, client.id(), therapist.id(), "client"),
                UUID.randomUUID().toString(), Instant.now());
        String sent = CODEC.encode(new MessageSent(messageId, client.id(), therapist.id()), UUID.randomUUID().toString(), Instant.now());
        for (int i = 0; i < 2; i++) {
            events.publishRecord(Topics.THERAPISTS, client.id(), requested);
            events.publishRecord(Topics.MESSAGING, messageId, sent);
        }
        // markers after the duplicates, on the same keys (so the same partitions)
        events.publishRecord(Topics.THERAPISTS, client.id(), CODEC.encode(
                new MappingRejected(UUID.randomUUID().toString(), client.id(), therapist.id(), "client"), UUID.randomUUID().toString(), Instant.now()));
        events.publishRecord(Topics.MESSAGING, messageId, CODEC.encode(
                new MessageSent(UUID.randomUUID().toString(), therapist.id(), client.id()), UUID.randomUUID().toString(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> PlatformEvents.notificationTypes(client).containsAll(
                List.of("mapping.rejected", "message.received")));
        assertThat(PlatformEvents.notificationTypes(therapist)).containsExactlyInAnyOrder("mapping.requested", "message.received");
    }

    /**
     * A MessageSent costs one conditional write: the messaging and journal topics skip the consumer's de-duplication
     * bookkeeping, since a notification is idempotent by itself (the duplicate tests above pass on that alone). A link
     * event, whose consumer keeps the bookkeeping, is remembered: that shows the lookup below would find the item.
     */
    @Test
    void aMessageSentLeavesNoDeduplicationItemWhileALinkEventDoes() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        String sentEventId = UUID.randomUUID().toString();
        String requestedEventId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        events.publishRecord(Topics.MESSAGING, messageId,
                CODEC.encode(new MessageSent(messageId, client.id(), therapist.id()), sentEventId, Instant.now()));
        events.publishRecord(Topics.THERAPISTS, client.id(), CODEC.encode(
                new MappingRequested(UUID.randomUUID().toString(), client.id(), therapist.id(), "client"),
                requestedEventId, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> PlatformEvents.notificationTypes(therapist)
                .containsAll(List.of("message.received", "mapping.requested")));
        // the bookkeeping is written after the handler, so wait for the link event's
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.remembers(requestedEventId));
        assertThat(consumer.remembers(sentEventId)).as("de-duplication item of the MessageSent").isFalse();
    }

    /**
     * The consumer's de-duplication can miss when an instance dies between the handler and its
     * bookkeeping; the handler then runs twice. The notification id comes from the event id, so the
     * second run stores nothing and announces nothing on the push topic.
     */
    @Test
    void aHandlerRunTwiceForOneEventRaisesOneNotificationAndOnePush() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        String sessionId = UUID.randomUUID().toString();
        DecodedEvent event = CODEC.decode(CODEC.encode(new SessionUpdated(sessionId, client.id(), therapist.id(), "completed"),
                UUID.randomUUID().toString(), Instant.now()));
        notificationService.raise(event, client.id(), "session.updated", sessionId, therapist.id());
        notificationService.raise(event, client.id(), "session.updated", sessionId, therapist.id());

        List<String> ids = as(client).get("/api/notifications").then().statusCode(200).extract().jsonPath()
                .getList("items.notificationId", String.class);
        assertThat(ids).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(2))
                .until(() -> pushesAnnouncing(ids.get(0)) == 1);
    }

    @Test
    void messageContentReachesNoNotificationPushOrEvent() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String original = "original words " + UUID.randomUUID();
        String edited = "edited words " + UUID.randomUUID();
        String id = MessagingApi.sent(client, therapist, original);
        as(client).body(Map.of("content", edited)).put("/api/messages/" + id).then().statusCode(200);
        MessagingApi.markRead(therapist, id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> PlatformEvents.notificationSubjects(therapist).contains(id));
        String notificationId = as(therapist).get("/api/notifications").then().extract().path("items[0].notificationId");
        await().atMost(Duration.ofSeconds(20)).until(() -> pushesAnnouncing(notificationId) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> records(Topics.MESSAGING).stream().anyMatch(r -> r.contains("MessageRead") && r.contains(id)));

        List<String> seen = new ArrayList<>();
        for (User user : List.of(client, therapist)) {
            seen.add(as(user).get("/api/notifications").asString());
            seen.add(as(user).get("/api/notifications?unread=true").asString());
        }
        seen.addAll(records("messaging.push"));
        seen.addAll(records(Topics.MESSAGING));
        assertThat(seen).noneMatch(text -> text.contains(original) || text.contains(edited));
    }

    private long pushesAnnouncing(String notificationId) {
        return records("messaging.push").stream().filter(r -> r.contains(notificationId)).count();
    }

    private List<String> records(String topic) {
        return KafkaProbe.readAll(events.bootstrap(), events.topic(topic)).stream().map(ConsumerRecord::value).toList();
    }

    /** The golden sample with this test's users, keeping its event id. */
    private static String withParties(String sample, User client, User therapist) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(sample);
        ObjectNode data = (ObjectNode) node.get("data");
        data.put("clientId", client.id());
        data.put("therapistId", therapist.id());
        node.put("id", UUID.randomUUID().toString());
        return JSON.writeValueAsString(node);
    }

    @Test
    void ownerMarksReadAndUnreadFilterFollows() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.publish(Topics.JOURNAL, new AccessRequested(UUID.randomUUID().toString(), client.id(), therapist.id()));
        events.publish(Topics.SCHEDULING, new SessionUpdated(UUID.randomUUID().toString(), client.id(), therapist.id(), "completed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> PlatformEvents.notificationTypes(client).size() == 2);
        String id = as(client).get("/api/notifications").then().extract().path("items[0].notificationId");

        as(therapist).body(Map.of("read", true)).put("/api/notifications/" + id).then().statusCode(404);
        as(client).body(Map.of("read", false)).put("/api/notifications/" + id).then().statusCode(400);
        as(client).body(Map.of("read", true, "type", "x")).put("/api/notifications/" + id).then().statusCode(400);
        as(client).body(Map.of("read", true)).put("/api/notifications/" + UUID.randomUUID()).then().statusCode(404);
        as(client).body(Map.of("read", true)).put("/api/notifications/" + id).then().statusCode(200)
                .body("read", org.hamcrest.Matchers.equalTo(true));
        assertThat(as(client).get("/api/notifications?unread=true").then().statusCode(200).extract().jsonPath()
                .getList("items.notificationId", String.class)).hasSize(1).doesNotContain(id);
        as(client).get("/api/notifications?unread=maybe").then().statusCode(400);

        as(client).post("/api/notifications/read-all").then().statusCode(204);
        assertThat(as(client).get("/api/notifications?unread=true").then().extract().jsonPath().getList("items")).isEmpty();
        assertThat(as(client).get("/api/notifications").then().extract().jsonPath().getList("items.read", Boolean.class))
                .containsExactly(true, true);
    }

    @Test
    void notificationsArePaginatedNewestFirst() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        for (int i = 0; i < 3; i++) {
            events.publish(Topics.SCHEDULING, new SessionUpdated(UUID.randomUUID().toString(), client.id(), therapist.id(), "completed"),
                    Instant.parse("2026-12-0" + (i + 1) + "T10:00:00Z"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> PlatformEvents.notificationTypes(client).size() == 3);
        var page = as(client).get("/api/notifications?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.createdAt", String.class)).containsExactly("2026-12-03T10:00:00Z", "2026-12-02T10:00:00Z");
        as(client).queryParam("cursor", page.getString("nextCursor")).get("/api/notifications?limit=2").then().statusCode(200)
                .body("items.createdAt", org.hamcrest.Matchers.contains("2026-12-01T10:00:00Z"));
        as(client).get("/api/notifications?limit=201").then().statusCode(400);
    }

}
