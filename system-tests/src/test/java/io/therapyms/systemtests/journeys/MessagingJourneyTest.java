package io.therapyms.systemtests.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Latencies;
import io.therapyms.systemtests.support.Messages;
import io.therapyms.systemtests.support.NotificationSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.User;

/** Messages both ways: each one pushed to the recipient at once, unread counts that follow reads. */
@ExtendWith(SystemStack.class)
class MessagingJourneyTest {

    @Test
    void messagesFlowBothWaysWithUnreadCountsAndPushes(Api api) {
        Api.Pair pair = api.linkedPair();
        User client = pair.client();
        User therapist = pair.therapist();
        Latencies push = new Latencies("message.received, POST /api/messages sent → pushed through the gateway");
        List<String> toTherapist = new ArrayList<>();
        List<String> toClient = new ArrayList<>();

        try (NotificationSocket therapistSocket = NotificationSocket.open(api.notificationStream(), therapist,
                TokenCarrier.SUBPROTOCOL);
             NotificationSocket clientSocket = NotificationSocket.open(api.notificationStream(), client,
                     TokenCarrier.FIRST_MESSAGE)) {
            for (int i = 1; i <= 3; i++) {
                long sending = System.nanoTime();
                String messageId = Messages.send(api, client, therapist, "Question " + i + " about homework");
                NotificationSocket.Received pushed = therapistSocket.await("message.received", messageId);
                push.record(sending, pushed.arrivedAtNanos());
                assertThat(pushed.notification().path("actorId").asText()).isEqualTo(client.id());
                assertThat(pushed.notification().toString()).doesNotContain("homework");
                toTherapist.add(messageId);
            }
            assertThat(Messages.unreadFrom(api, therapist, client)).isEqualTo(3);

            assertThat(api.as(therapist).body(Map.of("status", "read")).put("/api/messages/{id}", toTherapist.get(0))
                    .statusCode()).isEqualTo(200);
            assertThat(Messages.unreadFrom(api, therapist, client)).isEqualTo(2);

            for (int i = 1; i <= 2; i++) {
                long sending = System.nanoTime();
                String messageId = Messages.send(api, therapist, client, "Answer " + i);
                push.record(sending, clientSocket.await("message.received", messageId).arrivedAtNanos());
                toClient.add(messageId);
            }
        }
        push.log();

        assertThat(Messages.unreadFrom(api, client, therapist)).isEqualTo(2);
        List<String> conversation = api.allPages(client, "/api/messages", Map.of("with", therapist.id()),
                page -> page.getList("items.messageId"));
        assertThat(conversation).containsExactly(toClient.get(1), toClient.get(0), toTherapist.get(2),
                toTherapist.get(1), toTherapist.get(0));
        assertThat(api.as(client).get("/api/messages/{id}", toTherapist.get(0)).<String>path("status")).isEqualTo("read");
        assertThat(api.allPages(therapist, "/api/notifications", Map.of("unread", true),
                page -> page.<String>getList("items.subjectId"))).contains(toTherapist.toArray(String[]::new));
    }
}
