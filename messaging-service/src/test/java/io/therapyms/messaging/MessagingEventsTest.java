package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.messaging.MessagingApi.User;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MessagingEventsTest {

    @Inject
    PlatformEvents events;

    @Test
    void sendAndReadPublishIdsOnlyEvents() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = MessagingApi.sent(client, therapist, "do not leak this");
        MessagingApi.markRead(therapist, id).then().statusCode(200);

        EventCodec codec = new EventCodec();
        List<ConsumerRecord<String, String>> records = KafkaProbe.readUntil(events.bootstrap(), events.topic(Topics.MESSAGING),
                Duration.ofSeconds(20), rs -> rs.stream().anyMatch(r -> r.value().contains("MessageRead") && r.value().contains(id)));
        List<DecodedEvent> mine = records.stream().filter(r -> r.value().contains(id)).map(r -> codec.decode(r.value())).toList();
        assertThat(mine).extracting(DecodedEvent::data).containsExactly(
                new MessageSent(id, client.id(), therapist.id()), new MessageRead(id, therapist.id()));
        assertThat(records).noneMatch(r -> r.value().contains("do not leak this"));
        assertThat(records.stream().filter(r -> r.value().contains(id))).allMatch(r -> id.equals(r.key()));
    }

    /**
     * API.md: on erasure the messages stay for the other party with the sender shown as deleted.
     * Three clients of one therapist: the first is erased (the event delivered twice), the third is
     * erased afterwards on the same partition as a marker that the duplicates were consumed.
     */
    @Test
    void clientErasureKeepsMessagesForTheTherapistWithTheSenderShownDeleted() {
        User therapist = MessagingApi.therapist();
        User erased = MessagingApi.client();
        User kept = MessagingApi.client();
        User marker = MessagingApi.client();
        for (User client : List.of(erased, kept, marker)) {
            events.link(client, therapist);
        }
        String fromErased = MessagingApi.sent(erased, therapist, "before erasure");
        String fromTherapist = MessagingApi.sent(therapist, erased, "reply");
        MessagingApi.sent(kept, therapist, "still here");
        MessagingApi.sent(marker, therapist, "also erased later");

        String erasure = new EventCodec().encode(new ClientDeleted(erased.id()), UUID.randomUUID().toString(), Instant.now());
        events.publishRecord(Topics.CLIENTS, erased.id(), erasure);
        events.publishRecord(Topics.CLIENTS, erased.id(), erasure);
        events.publishRecord(Topics.CLIENTS, erased.id(),
                new EventCodec().encode(new ClientDeleted(marker.id()), UUID.randomUUID().toString(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(conversationWith(therapist, marker).get("withUserDeleted")));

        assertThat(conversationWith(therapist, erased)).containsEntry("withUserDeleted", true).containsEntry("unreadCount", 1);
        assertThat(conversationWith(therapist, kept)).containsEntry("withUserDeleted", false).containsEntry("unreadCount", 1);
        assertThat(MessagingApi.conversationPartners(therapist)).hasSize(3);
        as(therapist).get("/api/messages/" + fromErased).then().statusCode(200)
                .body("content", org.hamcrest.Matchers.equalTo("before erasure"))
                .body("senderId", org.hamcrest.Matchers.equalTo(erased.id()));
        assertThat(as(therapist).get("/api/messages?with=" + erased.id()).then().extract().jsonPath()
                .getList("items.messageId", String.class)).containsExactly(fromTherapist, fromErased);
    }

    private static Map<String, Object> conversationWith(User user, User other) {
        return as(user).get("/api/conversations").then().statusCode(200).extract().jsonPath()
                .param("other", other.id()).getMap("items.find { it.withUserId == other }");
    }
}
