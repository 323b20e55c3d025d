package io.therapyms.messaging;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.platform.config.PlatformConfig;

/** Plays the other services in tests: produces their events to this test app's prefixed topics. */
@Singleton
public class PlatformEvents {

    private static final EventCodec CODEC = new EventCodec();
    /** Generous: right after a cold start the consumer groups may still be joining on a loaded machine. */
    private static final Duration CONSUMED = Duration.ofSeconds(60);

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    public String publish(String topic, DomainEvent event, Instant time) {
        String record = CODEC.encode(event, UUID.randomUUID().toString(), time);
        publishRecord(topic, event.aggregateId(), record);
        return record;
    }

    public String publish(String topic, DomainEvent event) {
        return publish(topic, event, Instant.now());
    }

    public void publishRecord(String topic, String key, String record) {
        KafkaProbe.produce(bootstrap, config.prefixed(topic), key, record);
    }

    /**
     * Links the pair through MappingApproved (requested by the client) and waits until the client's
     * mapping.approved notification shows: the link is written before the notification.
     */
    public void link(MessagingApi.User client, MessagingApi.User therapist) {
        String requestId = UUID.randomUUID().toString();
        publish(Topics.THERAPISTS, new MappingApproved(requestId, client.id(), therapist.id(), "client"));
        await().atMost(CONSUMED).until(() -> notificationSubjects(client).contains(requestId));
    }

    /** Ends the link and waits for the therapist's mapping.ended notification. */
    public void unlink(MessagingApi.User client, MessagingApi.User therapist) {
        publish(Topics.THERAPISTS, new MappingEnded(client.id(), therapist.id(), "client"));
        await().atMost(CONSUMED).until(() -> notificationTypes(therapist).contains("mapping.ended"));
    }

    public static List<String> notificationSubjects(MessagingApi.User user) {
        return MessagingApi.as(user).get("/api/notifications").then().statusCode(200).extract().jsonPath()
                .getList("items.subjectId", String.class);
    }

    public static List<String> notificationTypes(MessagingApi.User user) {
        return MessagingApi.as(user).get("/api/notifications").then().statusCode(200).extract().jsonPath()
                .getList("items.type", String.class);
    }

    public String topic(String topic) {
        return config.prefixed(topic);
    }

    public String bootstrap() {
        return bootstrap;
    }
}
