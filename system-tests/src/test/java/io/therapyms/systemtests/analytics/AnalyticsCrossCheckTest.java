package io.therapyms.systemtests.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Messages;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.User;

/**
 * Issue #17: "the same figures computed from the owning services' own data agree". A small varied history goes in
 * through the gateway (links and the end of one, slots and a deleted one, requests approved, rejected, rejected by a
 * competing approval or by the end of the link, withdrawn; sessions completed, missed, cancelled early and late by
 * either party, still scheduled; messages both ways). The expected totals are then computed from what scheduling,
 * therapist and messaging services answer over REST, and analytics-service's summary must come to equal them.
 *
 * <p>Two facts are not in the owners' answers and come from the test's own log: who cancelled a session and when
 * (a session shows only {@code cancelled}), and when a request was decided (a request shows only its status), so
 * {@code medianHoursToDecision} is not compared.
 */
@ExtendWith(SystemStack.class)
class AnalyticsCrossCheckTest {

    private static final Duration SLOT = Duration.ofMinutes(50);
    /** Figures of services that learn through events: a bound on a shared two-core machine, not an expectation. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    /** The median reply time from messaging's timestamps, in minutes, as last computed by {@link #expected}. */
    private final Double[] replyMedian = new Double[1];

    /** sessionId → who cancelled it and when (the test's own log). */
    private final Map<String, Cancellation> cancellations = new HashMap<>();

    private record Cancellation(String by, Instant at) {
    }

    @Test
    void summaryEqualsTheFiguresOfTheOwningServices(Api api) {
        User therapist = api.verifiedTherapist();
        User a = api.client();
        User b = api.client();
        User c = api.client();
        for (User client : List.of(a, b, c)) {
            api.link(client, therapist);
        }
        for (User client : List.of(a, b, c)) {
            api.awaitLinkedEverywhere(client, therapist);
        }

        // early: three days ahead (a cancellation there is not late); late: within the next hours
        Instant early = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant late = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        List<String> e = slots(api, therapist, early, 8);
        List<String> l = slots(api, therapist, late, 2);

        String s1 = approve(api, therapist, Slots.request(api, a, e.get(0)), e.get(0));
        status(api, therapist, s1, "completed");
        String s2 = approve(api, therapist, Slots.request(api, b, e.get(1)), e.get(1));
        status(api, therapist, s2, "no_show");
        String s3 = approve(api, therapist, Slots.request(api, a, e.get(2)), e.get(2));
        cancel(api, a, s3, "client");
        String s4 = approve(api, therapist, Slots.request(api, b, l.get(0)), l.get(0));
        cancel(api, therapist, s4, "therapist");
        String s5 = approve(api, therapist, Slots.request(api, a, l.get(1)), l.get(1));
        cancel(api, a, s5, "client");
        decide(api, therapist, Slots.request(api, b, e.get(3)), "rejected");
        decide(api, a, Slots.request(api, a, e.get(3)), "cancelled");
        // the cancelled early session reopened its slot: booked again, and left scheduled
        approve(api, therapist, Slots.request(api, b, e.get(2)), e.get(2));
        // competing requests: the approval of one rejects the other
        Slots.request(api, a, e.get(4));
        approve(api, therapist, Slots.request(api, b, e.get(4)), e.get(4));
        // a withdrawn slot offers no hours
        Response deleted = api.as(therapist).delete("/api/session-slots/{t}/{s}", therapist.id(), e.get(7));
        assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(204);

        Messages.send(api, a, therapist, "one");
        Messages.send(api, a, therapist, "two");
        Messages.send(api, therapist, a, "three");
        Messages.send(api, b, therapist, "four");
        Messages.send(api, therapist, b, "five");
        Messages.send(api, therapist, b, "six");
        Messages.send(api, c, therapist, "seven");
        Messages.send(api, therapist, c, "eight");
        Messages.send(api, c, therapist, "nine");

        // a pending request of c's, then the end of the link rejects it
        Slots.request(api, c, e.get(5));
        Response ended = api.as(c).delete("/api/mappings/{c}/{t}", c.id(), therapist.id());
        assertThat(ended.statusCode()).as(ended.asString()).isEqualTo(204);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "?bucket=week&from=" + today.minusDays(7) + "&to=" + today.plusDays(14);
        List<User> clients = List.of(a, b, c);
        Map<String, Object>[] last = new Map[2];
        try {
            Awaitility.await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO)
                    .untilAsserted(() -> {
                        Map<String, Object> expected = expected(api, therapist, clients);
                        Response summary = api.as(therapist).get("/api/analytics/therapists/{id}/summary" + range,
                                therapist.id());
                        assertThat(summary.statusCode()).as(summary.asString()).isEqualTo(200);
                        Map<String, Object> actual = comparable(totals(summary));
                        last[0] = expected;
                        last[1] = actual;
                        assertThat(actual).isEqualTo(expected);
                    });
        } finally {
            System.out.println("analytics cross-check: expected " + last[0] + "\n                        actual   " + last[1]);
        }
        // the figures this history was built to show, so that a wrong owner-side count cannot pass unnoticed
        Map<String, Object> figures = last[0];
        assertThat(figures.get("sessions")).isEqualTo(Map.of("scheduled", 2, "completed", 1, "noShow", 1,
                "cancelledByClient", 2, "cancelledByTherapist", 1, "lateCancelled", 2));
        assertThat(figures.get("requests")).isEqualTo(Map.of("received", 11, "approved", 7, "rejected", 3,
                "cancelled", 1));
        assertThat(figures.get("caseload")).isEqualTo(Map.of("active", 3, "started", 3, "ended", 1));
        assertThat(figures.get("offeredHours")).isEqualTo(round(9 * 50 / 60.0, 2));
        assertThat(figures.get("messages")).isEqualTo(Map.of("received", 5, "sent", 4));

        // a message's timestamp and its event's time lie milliseconds apart, and the summary rounds to 0.01 min
        Response summary = api.as(therapist).get("/api/analytics/therapists/{id}/summary" + range, therapist.id());
        Object median = ((Map<String, Object>) totals(summary).get("messages")).get("medianMinutesToFirstReply");
        assertThat(replyMedian[0]).as("three runs of client messages answered").isNotNull();
        assertThat(median).as("medianMinutesToFirstReply").isNotNull();
        assertThat(((Number) median).doubleValue()).isCloseTo(replyMedian[0], org.assertj.core.data.Offset.offset(0.02));
    }

    /** The totals as the owning services' own answers give them. */
    private Map<String, Object> expected(Api api, User therapist, List<User> clients) {
        List<Map<String, Object>> sessions = api.allPages(therapist, "/api/sessions", Map.of(),
                page -> page.<Map<String, Object>>getList("items"));
        Map<String, Integer> byStatus = count(sessions.stream().map(s -> (String) s.get("status")).toList());
        int byClient = 0;
        int byTherapist = 0;
        int lateCancelled = 0;
        double bookedHours = 0;
        for (Map<String, Object> s : sessions) {
            Instant start = Instant.parse((String) s.get("startTime"));
            if ("cancelled".equals(s.get("status"))) {
                Cancellation cancellation = cancellations.get((String) s.get("sessionId"));
                assertThat(cancellation).as("a cancellation the test did not make: %s", s).isNotNull();
                byClient += "client".equals(cancellation.by()) ? 1 : 0;
                byTherapist += "therapist".equals(cancellation.by()) ? 1 : 0;
                lateCancelled += cancellation.at().isAfter(start.minus(Duration.ofHours(24))) ? 1 : 0;
            } else {
                bookedHours += hours(start, Instant.parse((String) s.get("endTime")));
            }
        }
        int completed = byStatus.getOrDefault("completed", 0);
        int noShow = byStatus.getOrDefault("no_show", 0);
        Map<String, Object> sessionFigures = Map.of("scheduled", byStatus.getOrDefault("scheduled", 0),
                "completed", completed, "noShow", noShow, "cancelledByClient", byClient,
                "cancelledByTherapist", byTherapist, "lateCancelled", lateCancelled);

        Instant now = Instant.now();
        double offeredHours = api.allPages(therapist, "/api/session-slots/" + therapist.id(),
                        Map.of("from", now.minus(Duration.ofDays(1)).toString(), "to", now.plus(Duration.ofDays(30))
                                .toString()), page -> page.<Map<String, Object>>getList("items"))
                .stream()
                .mapToDouble(slot -> hours(Instant.parse((String) slot.get("startTime")),
                        Instant.parse((String) slot.get("endTime"))))
                .sum();

        List<String> requestStatuses = api.allPages(therapist, "/api/appointment-requests", Map.of(),
                page -> page.<String>getList("items.status"));
        Map<String, Integer> requests = count(requestStatuses);
        Map<String, Object> requestFigures = Map.of("received", requestStatuses.size(),
                "approved", requests.getOrDefault("approved", 0), "rejected", requests.getOrDefault("rejected", 0),
                "cancelled", requests.getOrDefault("cancelled", 0));

        Set<String> everLinked = api.allPages(therapist, "/api/mapping-requests", Map.of("status", "approved"),
                        page -> page.<Map<String, Object>>getList("items"))
                .stream()
                .map(m -> (String) m.get("clientId"))
                .collect(Collectors.toSet());
        int linkedNow = api.allPages(therapist, "/api/therapists/" + therapist.id() + "/clients", Map.of(),
                page -> page.<String>getList("items.clientId")).size();
        Map<String, Object> caseload = Map.of("active", everLinked.size(), "started", everLinked.size(),
                "ended", everLinked.size() - linkedNow);

        int received = 0;
        int sent = 0;
        List<Double> replyMinutes = new ArrayList<>();
        for (User client : clients) {
            // read as the client: the therapist's side of an ended link may be closed
            List<Map<String, Object>> conversation = new ArrayList<>(api.allPages(client, "/api/messages",
                    Map.of("with", therapist.id()), page -> page.<Map<String, Object>>getList("items")));
            Collections.reverse(conversation);
            Instant waitingSince = null;
            for (Map<String, Object> m : conversation) {
                Instant at = Instant.parse((String) m.get("timestamp"));
                if (therapist.id().equals(m.get("senderId"))) {
                    sent++;
                    if (waitingSince != null) {
                        replyMinutes.add(Duration.between(waitingSince, at).toMillis() / 60_000.0);
                        waitingSince = null;
                    }
                } else {
                    received++;
                    waitingSince = waitingSince == null ? at : waitingSince;
                }
            }
        }
        Map<String, Object> messages = new LinkedHashMap<>();
        messages.put("received", received);
        messages.put("sent", sent);
        replyMedian[0] = median(replyMinutes);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sessions", sessionFigures);
        figures.put("attendanceRate", completed + noShow == 0 ? null : round((double) completed / (completed + noShow), 4));
        figures.put("offeredHours", round(offeredHours, 2));
        figures.put("bookedHours", round(bookedHours, 2));
        figures.put("utilisation", offeredHours == 0 ? null : round(bookedHours / offeredHours, 4));
        figures.put("requests", requestFigures);
        figures.put("caseload", caseload);
        figures.put("messages", messages);
        return figures;
    }

    /**
     * The summary's totals in the shape of {@link #expected}: numbers as int or double, without the median time to a
     * decision (the owners do not show decision times) and the median reply time (compared apart, with a tolerance).
     */
    private static Map<String, Object> comparable(Map<String, Object> totals) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sessions", ints((Map<String, Object>) totals.get("sessions")));
        figures.put("attendanceRate", number(totals.get("attendanceRate")));
        figures.put("offeredHours", number(totals.get("offeredHours")));
        figures.put("bookedHours", number(totals.get("bookedHours")));
        figures.put("utilisation", number(totals.get("utilisation")));
        Map<String, Object> requests = new HashMap<>((Map<String, Object>) totals.get("requests"));
        requests.remove("medianHoursToDecision");
        figures.put("requests", ints(requests));
        figures.put("caseload", ints((Map<String, Object>) totals.get("caseload")));
        Map<String, Object> messages = (Map<String, Object>) totals.get("messages");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", ((Number) messages.get("received")).intValue());
        m.put("sent", ((Number) messages.get("sent")).intValue());
        figures.put("messages", m);
        return figures;
    }

    private static Map<String, Object> ints(Map<String, Object> values) {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> ((Number) entry.getValue()).intValue()));
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** The summary's totals with exact decimals (RestAssured's default reads them as float). */
    private static Map<String, Object> totals(Response summary) {
        return new JsonPath(summary.asString()).using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getMap("totals");
    }

    private static Map<String, Integer> count(List<String> values) {
        Map<String, Integer> counts = new HashMap<>();
        values.forEach(value -> counts.merge(value, 1, Integer::sum));
        return counts;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double hours(Instant start, Instant end) {
        return Duration.between(start, end).toMillis() / 3_600_000.0;
    }

    private static double round(double value, int places) {
        return java.math.BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code count} slots of 50 minutes, one an hour from {@code first}. */
    private static List<String> slots(Api api, User therapist, Instant first, int count) {
        List<Map<String, String>> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = first.plus(Duration.ofHours(i));
            slots.add(Map.of("startTime", start.toString(), "endTime", start.plus(SLOT).toString()));
        }
        Response created = api.as(therapist).body(Map.of("slots", slots)).post("/api/session-slots/{id}", therapist.id());
        assertThat(created.statusCode()).as("slots: %s", created.asString()).isEqualTo(201);
        return created.jsonPath().getList("items.slotId");
    }

    /** Approves the request and returns the session it made. */
    private static String approve(Api api, User therapist, String requestId, String slotId) {
        decide(api, therapist, requestId, "approved");
        Api.eventually().untilAsserted(() -> assertThat(Slots.sessionsOf(api, therapist, slotId)
                .stream().filter(s -> !"cancelled".equals(s.get("status"))).toList()).hasSize(1));
        return (String) Slots.sessionsOf(api, therapist, slotId).stream()
                .filter(s -> !"cancelled".equals(s.get("status"))).findFirst().orElseThrow().get("sessionId");
    }

    private static void decide(Api api, User who, String requestId, String status) {
        Response decision = api.as(who).body(Map.of("status", status)).put("/api/appointment-requests/{id}", requestId);
        assertThat(decision.statusCode()).as(decision.asString()).isEqualTo(200);
    }

    private static void status(Api api, User therapist, String sessionId, String status) {
        Response update = api.as(therapist).body(Map.of("status", status)).put("/api/sessions/{id}", sessionId);
        assertThat(update.statusCode()).as(update.asString()).isEqualTo(200);
    }

    private void cancel(Api api, User who, String sessionId, String by) {
        Instant at = Instant.now();
        status(api, who, sessionId, "cancelled");
        cancellations.put(sessionId, new Cancellation(by, at));
        JsonPath session = api.as(who).get("/api/sessions/{id}", sessionId).jsonPath();
        assertThat(session.getString("status")).isEqualTo("cancelled");
    }
}
