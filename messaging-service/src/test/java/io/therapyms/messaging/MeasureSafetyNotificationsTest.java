package io.therapyms.messaging;

import static io.therapyms.messaging.MessagingApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.journal.MeasureSafetyFlagged;
import io.therapyms.messaging.MessagingApi.User;
import io.therapyms.messaging.NotificationSockets.Listener;

/**
 * A PHQ-9 safety flag (journal.events) reaches, as a measure-safety-flag notification with ids only, exactly the
 * therapists journal-service named as active grant holders: on their socket and in their list, once even when
 * the event is delivered twice; a linked therapist without a grant gets nothing.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MeasureSafetyNotificationsTest {

    private static final EventCodec CODEC = new EventCodec();

    @Inject
    PlatformEvents events;

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    void theGrantedTherapistIsNotifiedOnceAndTheOtherNot() {
        User client = MessagingApi.client();
        User granted = MessagingApi.therapist();
        User notGranted = MessagingApi.therapist();
        events.link(client, granted);
        events.link(client, notGranted);
        Listener grantedSocket = new Listener();
        Listener otherSocket = new Listener();
        WebSocket a = NotificationSockets.open(stream, grantedSocket, "bearer", granted.token());
        WebSocket b = NotificationSockets.open(stream, otherSocket, "bearer", notGranted.token());

        String measureId = UUID.randomUUID().toString();
        String record = CODEC.encode(new MeasureSafetyFlagged(measureId, client.id(), List.of(granted.id())),
                UUID.randomUUID().toString(), Instant.now());
        events.publishRecord(Topics.JOURNAL, measureId, record);
        events.publishRecord(Topics.JOURNAL, measureId, record); // at-least-once delivery: a duplicate
        // a marker on the other therapist's behalf, same key (partition) after the duplicates: once it shows,
        // both copies of the flag were consumed
        String marker = UUID.randomUUID().toString();
        events.publishRecord(Topics.JOURNAL, measureId, CODEC.encode(
                new AccessRevoked(marker, client.id(), notGranted.id()), UUID.randomUUID().toString(), Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> PlatformEvents.notificationSubjects(notGranted)
                .contains(marker) && grantedSocket.messages.stream().anyMatch(m -> m.contains(measureId)));

        List<Map<String, Object>> flags = as(granted).get("/api/notifications").then().statusCode(200).extract()
                .jsonPath().getList("items.findAll { it.type == 'measure-safety-flag' }");
        assertThat(flags).singleElement().satisfies(n -> assertThat(n)
                .containsOnlyKeys("notificationId", "type", "subjectId", "actorId", "createdAt", "read")
                .containsEntry("subjectId", measureId).containsEntry("actorId", client.id()));
        assertThat(grantedSocket.messages.stream().filter(m -> m.contains(measureId)).toList()).hasSize(1)
                .allSatisfy(m -> assertThat(m).contains("measure-safety-flag"));
        assertThat(PlatformEvents.notificationTypes(notGranted)).doesNotContain("measure-safety-flag");
        assertThat(otherSocket.messages).noneMatch(m -> m.contains("measure-safety-flag") || m.contains(measureId));
        assertThat(PlatformEvents.notificationTypes(client)).doesNotContain("measure-safety-flag");
        a.abort();
        b.abort();
    }
}
