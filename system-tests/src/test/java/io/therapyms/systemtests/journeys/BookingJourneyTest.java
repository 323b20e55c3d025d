package io.therapyms.systemtests.journeys;

import static io.therapyms.systemtests.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Latencies;
import io.therapyms.systemtests.support.NotificationSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.SystemStack;

/** Slots to session notes: the therapist offers slots, the client asks for one, approval makes a session. */
@ExtendWith(SystemStack.class)
class BookingJourneyTest {

    @Test
    void clientBooksASessionAndSeesOnlyTheSharedNotes(Api api) {
        Api.Pair pair = api.linkedPair();
        List<String> slotIds = Slots.create(api, pair.therapist(), 2);
        assertThat(api.as(pair.client()).get("/api/session-slots/{id}", pair.therapist().id())
                .jsonPath().getList("items.slotId")).containsExactlyElementsOf(slotIds);
        Latencies push = new Latencies("booking notifications, request sent → pushed through the gateway");

        String sessionId;
        try (NotificationSocket therapistSocket = NotificationSocket.open(api.notificationStream(), pair.therapist(),
                TokenCarrier.FIRST_MESSAGE);
             NotificationSocket clientSocket = NotificationSocket.open(api.notificationStream(), pair.client(),
                     TokenCarrier.SUBPROTOCOL)) {
            long asked = System.nanoTime();
            String requestId = Slots.request(api, pair.client(), slotIds.get(0));
            push.record(asked, therapistSocket.await("appointment.requested", requestId).arrivedAtNanos());

            long approving = System.nanoTime();
            Response approval = api.as(pair.therapist()).body(Map.of("status", "approved"))
                    .put("/api/appointment-requests/{id}", requestId);
            assertThat(approval.statusCode()).as(approval.asString()).isEqualTo(200);
            push.record(approving, clientSocket.await("appointment.approved", requestId).arrivedAtNanos());

            eventually().untilAsserted(() -> assertThat(Slots.sessionsOf(api, pair.therapist(), slotIds.get(0)))
                    .hasSize(1));
            sessionId = (String) Slots.sessionsOf(api, pair.therapist(), slotIds.get(0)).get(0).get("sessionId");

            long noting = System.nanoTime();
            Response notes = api.as(pair.therapist())
                    .body(Map.of("sharedNotes", "Breathing exercise twice a day.",
                            "privateNotes", "Consider screening for panic disorder."))
                    .put("/api/sessions/{id}", sessionId);
            assertThat(notes.statusCode()).as(notes.asString()).isEqualTo(200);
            push.record(noting, clientSocket.await("session.updated", sessionId).arrivedAtNanos());
        }
        push.log();

        JsonPath clientView = api.as(pair.client()).get("/api/sessions/{id}", sessionId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(clientView.getString("sharedNotes")).isEqualTo("Breathing exercise twice a day.");
        assertThat(clientView.getMap("$")).doesNotContainKey("privateNotes");
        assertThat(api.as(pair.client()).get("/api/sessions").jsonPath().getList("items", Map.class))
                .hasSize(1).allSatisfy(session -> assertThat(session).doesNotContainKey("privateNotes"));
        assertThat(api.as(pair.therapist()).get("/api/sessions/{id}", sessionId).<String>path("privateNotes"))
                .isEqualTo("Consider screening for panic disorder.");
        assertThat(api.as(pair.client()).get("/api/session-slots/{id}", pair.therapist().id())
                .jsonPath().getList("items.slotId")).containsExactly(slotIds.get(1));
    }
}
