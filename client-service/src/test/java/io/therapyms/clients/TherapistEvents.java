package io.therapyms.clients;

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
import io.therapyms.platform.config.PlatformConfig;

/** Plays therapist-service in tests: produces therapists.events to this test app's prefixed topic. */
@Singleton
public class TherapistEvents {

    private static final EventCodec CODEC = new EventCodec();

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Publishes the event as therapist-service would, with a fresh event id and the given time. */
    public String publish(DomainEvent event, Instant time) {
        String record = CODEC.encode(event, UUID.randomUUID().toString(), time);
        publishRecord(event.aggregateId(), record);
        return record;
    }

    public String publish(DomainEvent event) {
        return publish(event, Instant.now());
    }

    public void publishRecord(String key, String record) {
        KafkaProbe.produce(bootstrap, topic(), key, record);
    }

    /** Links the pair through MappingApproved and waits until the client sees the therapist. */
    public void link(ClientApi.User client, ClientApi.User therapist) {
        publish(new MappingApproved(UUID.randomUUID().toString(), client.id(), therapist.id(), "client"));
        awaitLinked(client, therapist, true);
    }

    public void awaitLinked(ClientApi.User client, ClientApi.User therapist, boolean linked) {
        await().atMost(Duration.ofSeconds(20)).until(() -> linkedTherapistIds(client).contains(therapist.id()) == linked);
    }

    public List<String> linkedTherapistIds(ClientApi.User client) {
        return ClientApi.as(client).get("/api/clients/" + client.id() + "/therapists")
                .then().statusCode(200).extract().jsonPath().getList("items.therapistId", String.class);
    }

    public String topic() {
        return config.prefixed(Topics.THERAPISTS);
    }

    public String bootstrap() {
        return bootstrap;
    }
}
