package io.therapyms.scheduling;

import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.requestStatus;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static io.therapyms.scheduling.SchedulingApi.slotStatus;
import static io.therapyms.scheduling.SchedulingApi.walk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.platform.consumer.IdempotentConsumer;
import io.therapyms.scheduling.links.Links;
import io.therapyms.scheduling.sessions.SessionRepository;
import io.therapyms.scheduling.slots.Slot;
import io.therapyms.scheduling.slots.SlotRepository;

/**
 * A crash right after the approval's deciding write (the slot booked, AppointmentApproved in its outbox)
 * still ends with one session, the request approved and the slot's other requests rejected: the service
 * completes the approval from its own event, however often that event arrives.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class ApprovalRedriveTest extends SchedulingTestBase {

    @Inject
    SlotRepository slots;

    @Inject
    Links links;

    @Inject
    IdempotentConsumer consumer;

    /** A linked client's pending request for a fresh slot of a fresh therapist. */
    record PendingRequest(String therapistId, String clientId, String slotId, String requestId) {
    }

    @Test
    void approvalCutShortAfterTheSlotWriteIsCompletedFromItsEventExactlyOnce() {
        PendingRequest winner = pendingRequest(60);
        String t = winner.therapistId();
        String slotId = winner.slotId();
        String other = newId();
        link(bootstrap, prefix, other, t);
        String otherRequest = request(other, slotId);

        // the crash: only the slot's conditional write (with its event) happened, none of the follow-up
        AppointmentApproved approved = bookAsACrashedApprovalWould(winner);
        String sessionId = approved.sessionId();
        assertThat(requestStatus(winner.clientId(), winner.requestId())).isEqualTo("pending");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            as(winner.clientId(), "client").get("/api/sessions/" + sessionId).then().statusCode(200)
                    .body("status", equalTo("scheduled")).body("slotId", equalTo(slotId));
            assertThat(requestStatus(winner.clientId(), winner.requestId())).isEqualTo("approved");
            assertThat(requestStatus(other, otherRequest)).isEqualTo("rejected");
        });

        // the event again: redelivered under its id, and once more under a new id (a replay)
        String replayed = newId();
        String anotherId = newId();
        produceTwice(Topics.SCHEDULING, winner.requestId(), CODEC.encode(approved, replayed, Instant.now()));
        KafkaProbe.produce(bootstrap, prefix + Topics.SCHEDULING, winner.requestId(),
                CODEC.encode(approved, anotherId, Instant.now()));
        awaitApplied(replayed, anotherId);
        assertThat(sessionsOfSlot(winner.clientId(), "client", slotId)).hasSize(1);
        assertThat(sessionsOfSlot(t, "therapist", slotId)).hasSize(1);
        assertThat(requestStatus(winner.clientId(), winner.requestId())).isEqualTo("approved");
        assertThat(requestStatus(other, otherRequest)).isEqualTo("rejected");
        assertThat(slotStatus(t, slotId)).isEqualTo("booked");

        // once the session is cancelled and the slot open again, an old approval event changes nothing
        as(winner.clientId(), "client").body(Map.of("status", "cancelled")).put("/api/sessions/" + sessionId).then()
                .statusCode(200);
        String newcomer = newId();
        link(bootstrap, prefix, newcomer, t);
        String newRequest = request(newcomer, slotId);
        String late = newId();
        KafkaProbe.produce(bootstrap, prefix + Topics.SCHEDULING, winner.requestId(),
                CODEC.encode(approved, late, Instant.now()));
        awaitApplied(late);
        as(winner.clientId(), "client").get("/api/sessions/" + sessionId).then().body("status", equalTo("cancelled"));
        assertThat(slotStatus(t, slotId)).isEqualTo("open");
        assertThat(sessionsOfSlot(t, "therapist", slotId)).hasSize(1);
        assertThat(requestStatus(newcomer, newRequest)).isEqualTo("pending");
    }

    @Test
    void bookingWhoseRequestWasCancelledMeanwhileIsVoidAndTheSlotReopens() {
        PendingRequest pending = pendingRequest(62);
        // the client's cancellation lands between the approval's slot write and its follow-up
        as(pending.clientId(), "client").body(Map.of("status", "cancelled"))
                .put("/api/appointment-requests/" + pending.requestId()).then().statusCode(200);
        String sessionId = bookAsACrashedApprovalWould(pending).sessionId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(slotStatus(pending.therapistId(),
                pending.slotId())));
        as(pending.clientId(), "client").get("/api/sessions/" + sessionId).then().statusCode(404);
        assertThat(requestStatus(pending.clientId(), pending.requestId())).isEqualTo("cancelled");
    }

    @Test
    void sessionMadeAfterItsLinkEndedIsCancelledAtOnce() {
        PendingRequest pending = pendingRequest(64);
        // the MappingEnded reaction has ended the link but not yet looked for the pair's requests and sessions
        links.end(pending.clientId(), pending.therapistId(), Instant.now());
        String sessionId = bookAsACrashedApprovalWould(pending).sessionId();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(pending.therapistId(), "therapist")
                .get("/api/sessions/" + sessionId).then().statusCode(200).body("status", equalTo("cancelled")));
        assertThat(slotStatus(pending.therapistId(), pending.slotId())).isEqualTo("open");
    }

    private PendingRequest pendingRequest(int daysAhead) {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        String slotId = slot(t, future(daysAhead, 9), 60);
        return new PendingRequest(t, c, slotId, request(c, slotId));
    }

    /** The approval's deciding write alone: the slot booked by the request, AppointmentApproved in its outbox. */
    private AppointmentApproved bookAsACrashedApprovalWould(PendingRequest pending) {
        Slot slot = slots.find(pending.slotId()).orElseThrow();
        AppointmentApproved approved = new AppointmentApproved(pending.requestId(), pending.slotId(),
                pending.clientId(), pending.therapistId(), slot.startTime(), slot.endTime(),
                SessionRepository.sessionIdFor(pending.slotId(), pending.requestId()));
        assertThat(slots.book(slot, pending.requestId(), approved)).isTrue();
        return approved;
    }

    private static List<Map<String, Object>> sessionsOfSlot(String userId, String role, String slotId) {
        return walk(() -> as(userId, role), "/api/sessions", Map.of(), 200).stream()
                .filter(s -> slotId.equals(s.get("slotId"))).toList();
    }

    /** Waits until the service's consumer recorded these event ids as applied. */
    private void awaitApplied(String... eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(eventIds).stream().allMatch(consumer::remembers));
    }
}
