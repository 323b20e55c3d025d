package io.therapyms.systemtests.journeys;

import static io.therapyms.systemtests.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Latencies;
import io.therapyms.systemtests.support.NotificationSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.User;

/** Sign-up to link: a client finds a verified therapist, asks, is approved; both hear of it over the WebSocket. */
@ExtendWith(SystemStack.class)
class LinkJourneyTest {

    @Test
    void clientAndTherapistSignUpAndLinkUp(Api api) {
        User therapist = api.verifiedTherapist();
        User client = api.client();
        assertThat(api.as(client).get("/api/auth/me").<String>path("role")).isEqualTo("client");
        assertThat(api.as(client).get("/api/therapists/{id}", therapist.id()).<Boolean>path("verified")).isTrue();
        Latencies push = new Latencies("link notifications, request sent → pushed through the gateway");

        try (NotificationSocket therapistSocket = NotificationSocket.open(api.notificationStream(), therapist,
                TokenCarrier.SUBPROTOCOL);
             NotificationSocket clientSocket = NotificationSocket.open(api.notificationStream(), client,
                     TokenCarrier.FIRST_MESSAGE)) {
            long asked = System.nanoTime();
            Response request = api.as(client).body(Map.of("therapistId", therapist.id())).post("/api/mapping-requests");
            assertThat(request.statusCode()).as(request.asString()).isEqualTo(201);
            assertThat(request.<String>path("status")).isEqualTo("pending");
            assertThat(request.<String>path("requestedBy")).isEqualTo("client");
            String requestId = request.path("mappingRequestId");
            push.record(asked, therapistSocket.await("mapping.requested", requestId).arrivedAtNanos());

            long approved = System.nanoTime();
            Response approval = api.as(therapist).body(Map.of("status", "approved"))
                    .put("/api/mapping-requests/{id}", requestId);
            assertThat(approval.statusCode()).as(approval.asString()).isEqualTo(200);
            assertThat(approval.<String>path("status")).isEqualTo("approved");
            NotificationSocket.Received toClient = clientSocket.await("mapping.approved", requestId);
            push.record(approved, toClient.arrivedAtNanos());
            assertThat(toClient.notification().path("actorId").asText()).isEqualTo(therapist.id());
        }
        push.log();

        eventually().untilAsserted(() -> assertThat(api.as(client).get("/api/clients/{id}/therapists", client.id())
                .jsonPath().getList("items.therapistId")).containsExactly(therapist.id()));
        eventually().untilAsserted(() -> assertThat(api.as(therapist).get("/api/therapists/{id}/clients", therapist.id())
                .jsonPath().getList("items.clientId")).containsExactly(client.id()));
        api.awaitLinkedEverywhere(client, therapist);
    }
}
