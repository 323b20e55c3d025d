package io.therapyms.systemtests.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Journal;
import io.therapyms.systemtests.support.Latencies;
import io.therapyms.systemtests.support.NotificationSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.User;

/** The client's journal stays theirs: a linked therapist reads it only while the client grants it, and never its private entries. */
@ExtendWith(SystemStack.class)
class JournalAccessJourneyTest {

    @Test
    void therapistReadsTheSharedJournalOnlyWhileTheClientAllows(Api api) {
        Api.Pair pair = api.linkedPair();
        User client = pair.client();
        User therapist = pair.therapist();
        String calm = Journal.write(api, client, "Walked by the river; felt steady.", "calm", 3, false);
        String anxious = Journal.write(api, client, "Meeting tomorrow, heart racing.", "anxious", 7, false);
        String secret = Journal.write(api, client, "Something I am not ready to share.", "ashamed", 8, true);
        assertThat(journalStatus(api, therapist, client)).as("linked, no grant").isEqualTo(403);
        Latencies push = new Latencies("journal-access notifications, request sent → pushed through the gateway");

        String accessRequestId;
        try (NotificationSocket clientSocket = NotificationSocket.open(api.notificationStream(), client,
                TokenCarrier.SUBPROTOCOL);
             NotificationSocket therapistSocket = NotificationSocket.open(api.notificationStream(), therapist,
                     TokenCarrier.SUBPROTOCOL)) {
            long asked = System.nanoTime();
            Response request = api.as(therapist).body(Map.of("clientId", client.id(), "reason", "prepare our session"))
                    .post("/api/journal-access-requests");
            assertThat(request.statusCode()).as(request.asString()).isEqualTo(201);
            accessRequestId = request.path("journalAccessRequestId");
            push.record(asked, clientSocket.await("journal-access.requested", accessRequestId).arrivedAtNanos());
            assertThat(journalStatus(api, therapist, client)).as("requested, not approved").isEqualTo(403);

            long approving = System.nanoTime();
            assertThat(decide(api, client, accessRequestId, "approved").statusCode()).isEqualTo(200);
            push.record(approving, therapistSocket.await("journal-access.approved", accessRequestId).arrivedAtNanos());
        }
        push.log();

        // Approval takes effect on the very next request, without waiting for any event.
        Response shared = api.as(therapist).get("/api/journals/{id}", client.id());
        assertThat(shared.statusCode()).as(shared.asString()).isEqualTo(200);
        assertThat(shared.jsonPath().getList("items.journalEntryId")).containsExactlyInAnyOrder(calm, anxious);
        assertThat(shared.asString()).doesNotContain("not ready to share");
        assertThat(api.as(therapist).get("/api/journals/{id}/{entry}", client.id(), anxious).statusCode()).isEqualTo(200);
        assertThat(api.as(therapist).get("/api/journals/{id}/{entry}", client.id(), secret).statusCode()).isEqualTo(404);
        Response insights = api.as(therapist).get("/api/journals/{id}/insights", client.id());
        assertThat(insights.statusCode()).as(insights.asString()).isEqualTo(200);
        assertThat(insights.jsonPath().getList("buckets.entryCount", Integer.class).stream().mapToInt(Integer::intValue)
                .sum()).isEqualTo(2);

        assertThat(decide(api, client, accessRequestId, "revoked").statusCode()).isEqualTo(200);
        assertThat(journalStatus(api, therapist, client)).as("revoked: the very next request").isEqualTo(403);
        assertThat(api.as(therapist).get("/api/journals/{id}/{entry}", client.id(), anxious).statusCode()).isEqualTo(403);

        Response log = api.as(client).get("/api/journals/{id}/access-log", client.id());
        assertThat(log.statusCode()).as(log.asString()).isEqualTo(200);
        assertThat(log.jsonPath().getList("items.therapistId")).isNotEmpty().containsOnly(therapist.id());
        assertThat(log.jsonPath().getList("items.action")).startsWith("insights").contains("read").endsWith("list");
        assertThat(log.jsonPath().getList("items.find { it.action == 'list' }.entryIds"))
                .containsExactlyInAnyOrder(calm, anxious);
        assertThat(api.as(therapist).get("/api/journals/{id}/access-log", client.id()).statusCode()).isEqualTo(403);
    }

    private static int journalStatus(Api api, User therapist, User client) {
        return api.as(therapist).get("/api/journals/{id}", client.id()).statusCode();
    }

    private static Response decide(Api api, User client, String accessRequestId, String status) {
        return api.as(client).body(Map.of("status", status)).put("/api/journal-access-requests/{id}", accessRequestId);
    }
}
