package io.therapyms.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingApproved;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Day aggregates: in Berlin across the start of summer time (weeks and months whose edges cut UTC days, read from
 * the raw facts there, from the aggregates elsewhere) the figures equal what the test counts from its facts; a
 * session cancelled late after its day's aggregate was computed moves to the cancelled counts; and every day the
 * sweep has settled leaves the dirty index.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class DayAggregatesTest extends AnalyticsTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration LENGTH = Duration.ofMinutes(50);

    @Inject
    DynamoDbClient dynamo;

    record Session(String id, Instant start, String status, String cancelledBy, Instant cancelledAt) {
        boolean late() {
            return cancelledAt != null && cancelledAt.isAfter(start.minus(Duration.ofHours(24)));
        }
    }

    record Message(boolean fromClient, Instant at) {
    }

    @Inject
    DayAggregates days;

    @Inject
    MeterRegistry registry;

    @Test
    void theDaysOfAnEventThatReachesTheConsumerLateWaitLongerForTheirRecompute() {
        // A MessageSent five minutes old when it is applied (a consumer that is behind): its parties' day waits a
        // tenth of that, capped at 30 s, instead of the 2 s of an event applied as it happens.
        EventLog log = new EventLog(new Random());
        String sender = log.newId();
        Instant sentAt = Instant.now().minus(Duration.ofMinutes(5));
        log.add(sentAt, new MessageSent(log.newId(), sender, log.newId()));
        EventLog.produce(bootstrap, prefix, log.events());

        Duration wait = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> days.queuedFor(sender, DayAggregates.day(sentAt)).orElse(null), java.util.Objects::nonNull);
        assertThat(wait).isGreaterThan(Duration.ofSeconds(20));
    }

    @Test
    void marksOfABusyDayAreGatheredIntoFewRecomputes() throws InterruptedException {
        // 30 marks of one user's day over ~1.5 s (a busy day under load): each recompute Queries the whole day, so
        // one per mark would make the day's reads quadratic. With the 2 s recompute delay they gather into one or two.
        String user = "gathered-" + System.nanoTime();
        Counter recomputes = registry.get("tms.analytics.day.recomputes").counter();
        double before = recomputes.count();
        Instant at = Instant.parse("2027-02-10T12:00:00Z");
        for (int i = 0; i < 30; i++) {
            days.mark(user, at.plusSeconds(i));
            Thread.sleep(50);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> recomputes.count() > before);
        Thread.sleep(3000); // any recompute still due would have run by now
        assertThat(recomputes.count() - before).isBetween(1.0, 3.0);
    }

    @Test
    void figuresAcrossTheStartOfSummerTimeEqualTheFactsAndFollowALateCancellation() {
        EventLog log = new EventLog(new Random(3));
        String t = log.newId();
        String c = log.newId();
        log.add(berlin("2027-01-04T09:00"), new MappingApproved(log.newId(), c, t, "client"));
        List<Session> sessions = new ArrayList<>();
        // Weeks begin Mon 22 Mar 00:00 CET (Sun 21 Mar 23:00 UTC) and Mon 29 Mar 00:00 CEST (Sun 28 Mar 22:00 UTC),
        // April at 31 Mar 22:00 UTC: each cuts a UTC day, with facts on both sides of the cut.
        sessions.add(book(log, t, c, "2027-03-21T23:30", "completed", null, null));
        sessions.add(book(log, t, c, "2027-03-22T00:15", "scheduled", null, null));
        sessions.add(book(log, t, c, "2027-03-24T12:00", "scheduled", null, null));
        sessions.add(book(log, t, c, "2027-03-28T23:45", "no_show", null, null));
        sessions.add(book(log, t, c, "2027-03-29T00:30", "completed", null, null));
        sessions.add(book(log, t, c, "2027-03-31T23:30", "completed", null, null));
        sessions.add(book(log, t, c, "2027-04-01T00:10", "cancelled", "therapist", berlin("2027-03-31T21:10")));
        sessions.add(book(log, t, c, "2027-04-01T09:00", "cancelled", "client", berlin("2027-03-30T12:00")));
        List<Message> messages = new ArrayList<>();
        messages.add(message(log, t, c, true, "2027-03-22T00:05"));
        messages.add(message(log, t, c, false, "2027-03-22T10:05"));
        messages.add(message(log, t, c, true, "2027-03-28T23:50"));
        messages.add(message(log, t, c, true, "2027-03-28T23:55"));
        messages.add(message(log, t, c, false, "2027-03-29T00:20"));
        messages.add(message(log, t, c, true, "2027-03-31T23:59"));
        messages.add(message(log, t, c, false, "2027-04-01T00:01"));
        EventLog.produce(bootstrap, prefix, log.events());

        List<Instant> weeks = List.of(berlin("2027-03-15T00:00"), berlin("2027-03-22T00:00"), berlin("2027-03-29T00:00"),
                berlin("2027-04-05T00:00"));
        List<Instant> months = List.of(berlin("2027-03-01T00:00"), berlin("2027-04-01T00:00"), berlin("2027-05-01T00:00"));
        List<Instant> utcWeeks = List.of(Instant.parse("2027-03-15T00:00:00Z"), Instant.parse("2027-03-22T00:00:00Z"),
                Instant.parse("2027-03-29T00:00:00Z"), Instant.parse("2027-04-05T00:00:00Z"));
        awaitFigures(t, "from=2027-03-15&to=2027-04-05&bucket=week&timezone=Europe/Berlin", weeks, sessions, messages);
        awaitFigures(t, "from=2027-03-01&to=2027-04-30&bucket=month&timezone=Europe/Berlin", months, sessions, messages);
        awaitFigures(t, "from=2027-03-15&to=2027-04-05&bucket=week", utcWeeks, sessions, messages);

        // Wednesday's session: its UTC day lies inside a bucket in both zones, so it is read from the aggregate only.
        String wednesday = "2027-03-24";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(settled(t, wednesday))
                .as("the day of Wednesday's session computed and out of the dirty index").isTrue());
        Session booked = sessions.get(2);
        Instant cancelledAt = booked.start().minus(Duration.ofHours(3));
        EventLog late = new EventLog(new Random(4));
        late.add(cancelledAt, new SessionUpdated(booked.id(), c, t, "cancelled", "client"));
        EventLog.produce(bootstrap, prefix, late.events());
        sessions.set(2, new Session(booked.id(), booked.start(), "cancelled", "client", cancelledAt));

        awaitFigures(t, "from=2027-03-15&to=2027-04-05&bucket=week&timezone=Europe/Berlin", weeks, sessions, messages);
        awaitFigures(t, "from=2027-03-15&to=2027-04-05&bucket=week", utcWeeks, sessions, messages);
        awaitFigures(t, "from=2027-03-01&to=2027-04-30&bucket=month&timezone=Europe/Berlin", months, sessions, messages);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(dirtyDays(t, c)).as("days still dirty").isEmpty());
    }

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static Session book(EventLog log, String t, String c, String local, String status, String by,
            Instant cancelledAt) {
        Instant start = berlin(local);
        String slot = log.newId();
        String request = log.newId();
        String session = log.newId();
        log.add(start.minus(Duration.ofDays(5)), new SlotsCreated(t, List.of(slot),
                List.of(new SlotsCreated.SlotTimes(slot, start, start.plus(LENGTH)))));
        log.add(start.minus(Duration.ofHours(48)), new AppointmentRequested(request, slot, c, t, start, start.plus(LENGTH)));
        log.add(start.minus(Duration.ofHours(47)), new AppointmentApproved(request, slot, c, t, start,
                start.plus(LENGTH), session));
        if (status.equals("cancelled")) {
            log.add(cancelledAt, new SessionUpdated(session, c, t, status, by));
        } else if (!status.equals("scheduled")) {
            log.add(start.plus(LENGTH), new SessionUpdated(session, c, t, status));
        }
        return new Session(session, start, status, by, cancelledAt);
    }

    private static Message message(EventLog log, String t, String c, boolean fromClient, String local) {
        Instant at = berlin(local);
        log.add(at, fromClient ? new MessageSent(log.newId(), c, t) : new MessageSent(log.newId(), t, c));
        return new Message(fromClient, at);
    }

    private static void awaitFigures(String t, String query, List<Instant> boundaries, List<Session> sessions,
            List<Message> messages) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode summary = summary(t, query);
            JsonNode buckets = summary.get("buckets");
            assertThat(buckets).hasSize(boundaries.size() - 1);
            for (int b = 0; b < boundaries.size() - 1; b++) {
                compare(query + " bucket " + boundaries.get(b),
                        expected(boundaries.get(b), boundaries.get(b + 1), sessions, messages), buckets.get(b));
            }
            compare(query + " totals", expected(boundaries.get(0), boundaries.get(boundaries.size() - 1), sessions,
                    messages), summary.get("totals"));
        });
    }

    /** The figures counted straight from the test's facts. */
    private static Map<String, Object> expected(Instant from, Instant to, List<Session> sessions, List<Message> messages) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<Session> in = sessions.stream().filter(s -> within(s.start(), from, to)).toList();
        f.put("sessions.scheduled", in.stream().filter(s -> s.status().equals("scheduled")).count());
        f.put("sessions.completed", in.stream().filter(s -> s.status().equals("completed")).count());
        f.put("sessions.noShow", in.stream().filter(s -> s.status().equals("no_show")).count());
        f.put("sessions.cancelledByClient", in.stream().filter(s -> "client".equals(s.cancelledBy())).count());
        f.put("sessions.cancelledByTherapist", in.stream().filter(s -> "therapist".equals(s.cancelledBy())).count());
        f.put("sessions.lateCancelled", in.stream().filter(Session::late).count());
        double hours = LENGTH.toMinutes() / 60.0;
        f.put("offeredHours", in.size() * hours);
        f.put("bookedHours", in.stream().filter(s -> !s.status().equals("cancelled")).count() * hours);
        f.put("requests.received", sessions.stream().filter(s -> within(s.start().minus(Duration.ofHours(48)), from, to))
                .count());
        long requests = sessions.stream().filter(s -> within(s.start().minus(Duration.ofHours(48)), from, to)).count();
        f.put("requests.approved", requests);
        f.put("requests.medianHoursToDecision", requests == 0 ? null : 1.0);
        f.put("caseload.active", 1L);
        f.put("messages.received", messages.stream().filter(m -> m.fromClient() && within(m.at(), from, to)).count());
        f.put("messages.sent", messages.stream().filter(m -> !m.fromClient() && within(m.at(), from, to)).count());
        List<Double> replies = new ArrayList<>();
        Instant waiting = null;
        for (Message m : messages) {
            if (m.fromClient() && waiting == null) {
                waiting = m.at();
            } else if (!m.fromClient() && waiting != null) {
                if (within(waiting, from, to)) {
                    replies.add(Duration.between(waiting, m.at()).toMillis() / 60_000.0);
                }
                waiting = null;
            }
        }
        f.put("messages.medianMinutesToFirstReply", History.median(replies));
        return f;
    }

    private static boolean within(Instant time, Instant from, Instant to) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    private boolean settled(String userId, String day) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(prefix + "analytics").consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("DAY#" + userId), "sk", AttributeValue.fromS(day)))).item();
        return item != null && item.containsKey("computedFrom") && !item.containsKey("gsi2pk")
                && item.get("computedFrom").n().equals(item.get("version").n());
    }

    private List<String> dirtyDays(String... userIds) {
        List<String> pks = java.util.Arrays.stream(userIds).map(id -> "DAY#" + id).toList();
        return everyItem(dynamo, prefix).stream()
                .filter(item -> pks.contains(item.get("pk").s()) && item.containsKey("gsi2pk"))
                .map(item -> item.get("pk").s() + " " + item.get("sk").s()).toList();
    }
}
