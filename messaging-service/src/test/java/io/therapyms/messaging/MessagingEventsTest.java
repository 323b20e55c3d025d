package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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

    @Test
    void clientErasureKeepsMessagesForTheTherapistWithTheSenderShownDeleted() {
        User client = MessagingApi.client();
        User therapist = MessagingApi.therapist();
        events.link(client, therapist);
        String id = MessagingApi.sent(client, therapist, "before erasure");

        events.publish(Topics.CLIENTS, new ClientDeleted(client.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(as(therapist).get("/api/conversations")
                .then().extract().jsonPath().get("items[0].withUserDeleted")));
        as(therapist).get("/api/messages/" + id).then().statusCode(200);
        assertThat(as(therapist).get("/api/messages?with=" + client.id()).then().extract().jsonPath()
                .getList("items.messageId", String.class)).containsExactly(id);
        // a second delivery changes nothing
        events.publish(Topics.CLIENTS, new ClientDeleted(client.id()));
        assertThat(as(therapist).get("/api/conversations").then().extract().jsonPath().getList("items")).hasSize(1);
        assertThat(UUID.fromString(id)).isNotNull();
    }
}
