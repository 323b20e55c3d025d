package io.therapyms.scheduling;

import static io.therapyms.scheduling.SchedulingApi.approve;
import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.requestStatus;
import static io.therapyms.scheduling.SchedulingApi.sample;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.Topics;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.therapists.TherapistDeleted;

/** ClientDeleted and TherapistDeleted, produced on Kafka (each delivered twice), end what the party had booked. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class DeletionReactionsTest extends SchedulingTestBase {

    @Test
    void deletedTherapistsRequestsAreRejectedSessionsCancelledAndOpenSlotsWithdrawn() {
        String t = newId();
        String pendingClient = newId();
        String bookedClient = newId();
        String otherT = newId();
        String otherClient = newId();
        link(bootstrap, prefix, pendingClient, t);
        link(bootstrap, prefix, bookedClient, t);
        link(bootstrap, prefix, otherClient, otherT);
        String pendingRequest = request(pendingClient, slot(t, future(70, 9), 60));
        String sessionId = approve(t, request(bookedClient, slot(t, future(70, 11), 60)));
        slot(t, future(70, 13), 60);
        String untouched = request(otherClient, slot(otherT, future(70, 9), 60));

        String deleted = sample(TherapistDeleted.class, t, Map.of("therapistId", t));
        produceTwice(Topics.THERAPISTS, t, deleted);

        String admin = newId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(requestStatus(pendingClient, pendingRequest)).isEqualTo("rejected");
            as(bookedClient, "client").get("/api/sessions/" + sessionId).then().body("status", equalTo("cancelled"));
            // the session's slot reopened with the cancellation and was withdrawn with the other open ones
            as(admin, "admin").get("/api/session-slots/" + t).then().statusCode(200).body("items.size()", equalTo(0));
        });
        as(pendingClient, "client").get("/api/session-slots/" + t).then().statusCode(404);
        assertThat(requestStatus(otherClient, untouched)).isEqualTo("pending");
        await().atMost(Duration.ofSeconds(30)).until(() -> schedulingEvents().stream().anyMatch(e ->
                e.data() instanceof AppointmentRejected r && r.appointmentRequestId().equals(pendingRequest)));
        assertThat(schedulingEvents()).filteredOn(e -> e.data().equals(
                new SessionUpdated(sessionId, bookedClient, t, "cancelled"))).isNotEmpty();
    }

    @Test
    void deletedClientsRequestsAreRejectedAndFutureSessionsCancelledReopeningTheirSlots() {
        String c = newId();
        String t1 = newId();
        String t2 = newId();
        String otherClient = newId();
        link(bootstrap, prefix, c, t1);
        link(bootstrap, prefix, c, t2);
        link(bootstrap, prefix, otherClient, t1);
        String pendingRequest = request(c, slot(t1, future(75, 9), 60));
        String bookedSlot = slot(t2, future(75, 9), 60);
        String sessionId = approve(t2, request(c, bookedSlot));
        String untouched = request(otherClient, slot(t1, future(75, 12), 60));

        String deleted = sample(ClientDeleted.class, c, Map.of("clientId", c));
        produceTwice(Topics.CLIENTS, c, deleted);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(requestStatus(c, pendingRequest)).isEqualTo("rejected");
            as(t2, "therapist").get("/api/sessions/" + sessionId).then().body("status", equalTo("cancelled"));
        });
        List<String> t2Slots = as(t2, "therapist").get("/api/session-slots/" + t2).then().extract()
                .path("items.findAll { it.slotId == '" + bookedSlot + "' }.status");
        assertThat(t2Slots).containsExactly("open");
        as(c, "client").get("/api/session-slots/" + t1).then().statusCode(404);
        as(c, "client").get("/api/session-slots/" + t2).then().statusCode(404);
        assertThat(requestStatus(otherClient, untouched)).isEqualTo("pending");
    }

}
