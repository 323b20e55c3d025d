package io.therapyms.systemtests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/** A therapist's bookable slots, created back to back from tomorrow on. */
public final class Slots {

    public static final Duration LENGTH = Duration.ofMinutes(30);

    private Slots() {
    }

    /** Creates {@code count} (1–100) consecutive slots; returns their ids in start order. */
    public static List<String> create(Api api, User therapist, int count) {
        Instant first = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Map<String, String>> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = first.plus(LENGTH.multipliedBy(i));
            slots.add(Map.of("startTime", start.toString(), "endTime", start.plus(LENGTH).toString()));
        }
        Response created = api.as(therapist).body(Map.of("slots", slots)).post("/api/session-slots/{id}", therapist.id());
        assertThat(created.statusCode()).as("slots: %s", created.asString()).isEqualTo(201);
        List<String> ids = created.jsonPath().getList("items.slotId");
        assertThat(ids).hasSize(count);
        assertThat(created.jsonPath().getList("items.status")).containsOnly("open");
        return ids;
    }

    /** The client asks for the slot; returns the appointment request's id. */
    public static String request(Api api, User client, String slotId) {
        Response request = api.as(client).body(Map.of("slotId", slotId, "note", "first session, if possible"))
                .post("/api/appointment-requests");
        assertThat(request.statusCode()).as("appointment request: %s", request.asString()).isEqualTo(201);
        assertThat(request.<String>path("status")).isEqualTo("pending");
        return request.path("appointmentRequestId");
    }

    /** The sessions of the slot that {@code user} (a party) can list. */
    public static List<Map<String, Object>> sessionsOf(Api api, User user, String slotId) {
        return api.allPages(user, "/api/sessions", Map.of(), page -> page.<Map<String, Object>>getList("items"))
                .stream()
                .filter(session -> slotId.equals(session.get("slotId")))
                .toList();
    }
}
