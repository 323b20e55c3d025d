package io.therapyms.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.identity.UserRegistered;
import io.therapyms.events.journal.AccessApproved;
import io.therapyms.events.journal.AccessRequested;
import io.therapyms.events.journal.AccessRevoked;
import io.therapyms.events.messaging.MessageRead;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.events.scheduling.AppointmentCancelled;
import io.therapyms.events.scheduling.AppointmentRejected;
import io.therapyms.events.scheduling.AppointmentRequested;
import io.therapyms.events.scheduling.SessionUpdated;
import io.therapyms.events.scheduling.SlotDeleted;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.events.therapists.TherapistProfileUpdated;

/**
 * A generated history of one therapist's practice over 12 weeks (Europe/Berlin, across the end of summer time):
 * links that start, end and start again, slots (some at 00:30 on a Monday, a week apart in UTC and in Berlin; some
 * withdrawn),
 * requests approved, rejected, withdrawn and competing, sessions completed, missed and cancelled early and late by
 * either party or by the end of a link, messages with replies, journal grants, and a client's erasure. Next to the
 * events it keeps a plain model of what happened, from which the expected figures are counted here, without the
 * service's code.
 */
final class History {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate FIRST_MONDAY = LocalDate.of(2026, 9, 7);
    static final int WEEKS = 12;
    static final LocalDate END = FIRST_MONDAY.plusWeeks(WEEKS);

    record Session(String id, String clientId, Instant start, Instant end, String status, String cancelledBy,
            Instant cancelledAt) {
        boolean late() {
            return "cancelled".equals(status) && cancelledAt != null && cancelledAt.isAfter(start.minus(Duration.ofHours(24)));
        }
    }

    record Slot(Instant start, Instant end) {
    }

    record Request(Instant received, String outcome, Instant decided) {
    }

    record Message(String clientId, boolean fromTherapist, Instant at) {
    }

    record Reply(Instant runStart, Instant replyAt) {
    }

    record Episode(String clientId, Instant linked, Instant ended) {
    }

    final EventLog log;
    final Random random;
    final String therapist;
    final String otherTherapist;
    final List<String> clients = new ArrayList<>();
    final String erasedClient;
    final Instant erasedAt;

    final List<Session> sessions = new ArrayList<>();
    final List<Slot> slots = new ArrayList<>();
    int withdrawnSlots;
    final List<Request> requests = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    final List<Episode> episodes = new ArrayList<>();
    final Map<String, Integer> unread = new LinkedHashMap<>();
    final Map<String, String> grants = new LinkedHashMap<>();
    /** The other therapist's few facts, for the practice view. */
    final List<Session> otherSessions = new ArrayList<>();
    final List<Slot> otherSlots = new ArrayList<>();

    History(long seed) {
        random = new Random(seed);
        log = new EventLog(new Random(seed + 1));
        therapist = log.newId();
        otherTherapist = log.newId();
        for (int i = 0; i < 6; i++) {
            clients.add(log.newId());
        }
        erasedClient = clients.get(5);
        erasedAt = at(10, DayOfWeek.THURSDAY, 12, 0);
        generate();
    }

    static Instant at(int week, DayOfWeek day, int hour, int minute) {
        return FIRST_MONDAY.plusWeeks(week).with(day).atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    Instant from() {
        return FIRST_MONDAY.atStartOfDay(ZONE).toInstant();
    }

    Instant to() {
        return END.atStartOfDay(ZONE).toInstant();
    }

    private void generate() {
        Instant before = from().minus(Duration.ofDays(60));
        // the profile names its zone only in a later edit: the monthly summary asks for no zone and gets Berlin's
        log.add(before, new TherapistProfileCreated(therapist, "Dr Test", true));
        log.add(before.plusSeconds(30), new TherapistProfileUpdated(therapist, "Dr Test", true, ZONE.getId()));
        log.add(before, new TherapistProfileCreated(otherTherapist, "Dr Other", true));
        for (int i = 0; i < clients.size(); i++) {
            log.add(before.plusSeconds(i), new UserRegistered(clients.get(i), "client", "c" + i + "@example.org", "Account " + i));
            log.add(before.plusSeconds(10 + i), new ClientProfileCreated(clients.get(i), "Client " + i));
        }
        // links: c0–c3 and c5 before the range; c4 joins in week 2; c3 leaves in week 6 and comes back in week 8;
        // c2 leaves at 00:30 on the Monday of week 11 (Sunday in UTC); c5 is erased in week 10
        for (int i : new int[] {0, 1, 2, 3, 5}) {
            link(clients.get(i), from().minus(Duration.ofDays(30)).plus(Duration.ofHours(i)));
        }
        link(clients.get(4), at(2, DayOfWeek.WEDNESDAY, 10, 0));
        endLink(clients.get(3), at(6, DayOfWeek.TUESDAY, 15, 0), "client");
        link(clients.get(3), at(8, DayOfWeek.FRIDAY, 9, 0));
        endLink(clients.get(2), at(11, DayOfWeek.MONDAY, 0, 30), "therapist");

        grants();

        for (int week = 0; week < WEEKS; week++) {
            weekOfSlots(week);
            weekOfMessages(week);
        }
        futureSession();
        otherTherapist();

        // the erasure, then what the other services do about it: the link ends, future bookings are cancelled
        log.add(erasedAt, new ClientDeleted(erasedClient));
        endLink(erasedClient, erasedAt.plusSeconds(1), "client");
    }

    private void link(String clientId, Instant at) {
        String mappingRequestId = log.newId();
        episodes.add(new Episode(clientId, at, null));
        log.add(at, new MappingApproved(mappingRequestId, clientId, therapist, "client"));
    }

    /** The link ends: pending requests are rejected and future sessions cancelled by nobody in particular. */
    private void endLink(String clientId, Instant at, String endedBy) {
        for (int i = 0; i < episodes.size(); i++) {
            Episode e = episodes.get(i);
            if (e.clientId().equals(clientId) && e.ended() == null) {
                episodes.set(i, new Episode(clientId, e.linked(), at));
            }
        }
        log.add(at, new MappingEnded(clientId, therapist, endedBy));
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            if (s.clientId().equals(clientId) && s.start().isAfter(at) && "scheduled".equals(s.status())) {
                sessions.set(i, new Session(s.id(), clientId, s.start(), s.end(), "cancelled", null, at.plusSeconds(1)));
                log.add(at.plusSeconds(1), new SessionUpdated(s.id(), clientId, therapist, "cancelled"));
            }
        }
    }

    boolean linked(String clientId, Instant at) {
        return episodes.stream().anyMatch(e -> e.clientId().equals(clientId) && !e.linked().isAfter(at)
                && (e.ended() == null || e.ended().isAfter(at)));
    }

    private void grants() {
        Instant t = from().minus(Duration.ofDays(20));
        String g0 = log.newId();
        log.add(t, new AccessRequested(g0, clients.get(0), therapist));
        log.add(t.plusSeconds(60), new AccessApproved(g0, clients.get(0), therapist, null));
        grants.put(clients.get(0), "active");
        log.add(t, new AccessRequested(log.newId(), clients.get(1), therapist));
        grants.put(clients.get(1), "pending");
        String g3 = log.newId();
        log.add(t, new AccessRequested(g3, clients.get(3), therapist));
        log.add(t.plusSeconds(60), new AccessApproved(g3, clients.get(3), therapist, null));
        log.add(t.plusSeconds(120), new AccessRevoked(g3, clients.get(3), therapist));
        grants.put(clients.get(3), "none");
        String g4 = log.newId();
        log.add(at(3, DayOfWeek.MONDAY, 9, 0), new AccessRequested(g4, clients.get(4), therapist));
        log.add(at(3, DayOfWeek.MONDAY, 10, 0), new AccessApproved(g4, clients.get(4), therapist,
                at(6, DayOfWeek.MONDAY, 0, 0)));
        grants.put(clients.get(4), "none"); // expired
        String g5 = log.newId();
        log.add(t, new AccessRequested(g5, erasedClient, therapist));
        log.add(t.plusSeconds(60), new AccessApproved(g5, erasedClient, therapist, null));
    }

    private void weekOfSlots(int week) {
        List<Slot> batch = new ArrayList<>();
        batch.add(new Slot(at(week, DayOfWeek.MONDAY, 0, 30), at(week, DayOfWeek.MONDAY, 1, 15)));
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            batch.add(new Slot(at(week, day, 9, 0), at(week, day, 9, 50)));
            batch.add(new Slot(at(week, day, 14, 0), at(week, day, 15, 0)));
        }
        List<String> ids = new ArrayList<>();
        List<SlotsCreated.SlotTimes> times = new ArrayList<>();
        for (Slot slot : batch) {
            String slotId = log.newId();
            ids.add(slotId);
            times.add(new SlotsCreated.SlotTimes(slotId, slot.start(), slot.end()));
            slots.add(slot);
        }
        Instant published = at(week, DayOfWeek.MONDAY, 0, 0).minus(Duration.ofDays(10));
        log.add(published, new SlotsCreated(therapist, ids, times));
        for (int i = 0; i < batch.size(); i++) {
            if (random.nextInt(10) < 8) {
                book(ids.get(i), batch.get(i));
            } else if (random.nextBoolean()) {
                // withdrawn before anyone asked: it offers no hours
                Slot slot = batch.get(i);
                log.add(published.plus(Duration.ofDays(1)), new SlotDeleted(ids.get(i), therapist, slot.start(), slot.end()));
                slots.remove(slot);
                withdrawnSlots++;
            }
        }
    }

    private void book(String slotId, Slot slot) {
        Instant received = slot.start().minus(Duration.ofHours(48 + random.nextInt(48)));
        List<String> candidates = clients.stream().filter(c -> linked(c, received) && !erasedBy(c, received)).toList();
        if (candidates.isEmpty()) {
            return;
        }
        String clientId = candidates.get(random.nextInt(candidates.size()));
        String requestId = log.newId();
        log.add(received, new AppointmentRequested(requestId, slotId, clientId, therapist, slot.start(), slot.end()));
        // sometimes another client asks for the same slot an hour later; approving the first rejects it
        String rival = null;
        String rivalRequest = null;
        Instant rivalReceived = received.plus(Duration.ofHours(1));
        List<String> others = candidates.stream().filter(c -> !c.equals(clientId)).toList();
        if (!others.isEmpty() && random.nextInt(5) == 0) {
            rival = others.get(random.nextInt(others.size()));
            rivalRequest = log.newId();
            log.add(rivalReceived, new AppointmentRequested(rivalRequest, slotId, rival, therapist, slot.start(), slot.end()));
        }
        Instant decided = received.plus(Duration.ofMinutes(61 + random.nextInt(19 * 60)));
        Instant linkEnd = linkEnd(clientId, received);
        boolean endsFirst = linkEnd != null && linkEnd.isBefore(decided);
        int fate = random.nextInt(100);
        String outcome;
        if (endsFirst) {
            outcome = "rejected"; // the link ended while it was pending
            decided = linkEnd;
            log.add(decided, new AppointmentRejected(requestId, slotId, clientId, therapist, slot.start(), slot.end()));
        } else if (fate < 10) {
            outcome = "cancelled";
            log.add(decided, new AppointmentCancelled(requestId, slotId, clientId, therapist, slot.start(), slot.end()));
        } else if (fate < 25) {
            outcome = "rejected";
            log.add(decided, new AppointmentRejected(requestId, slotId, clientId, therapist, slot.start(), slot.end()));
        } else if (fate < 30) {
            outcome = null; // still pending
            decided = null;
        } else {
            outcome = "approved";
            String sessionId = log.newId();
            log.add(decided, new AppointmentApproved(requestId, slotId, clientId, therapist, slot.start(), slot.end(),
                    sessionId));
            session(sessionId, clientId, slot, decided);
        }
        requests.add(new Request(received, outcome, decided));
        if (rival != null) {
            boolean rejected = "approved".equals(outcome);
            Instant rivalDecided = rejected ? decided.plusMillis(5) : null;
            if (rejected) {
                log.add(rivalDecided, new AppointmentRejected(rivalRequest, slotId, rival, therapist, slot.start(),
                        slot.end()));
            }
            requests.add(new Request(rivalReceived, rejected ? "rejected" : null, rivalDecided));
        }
    }

    private boolean erasedBy(String clientId, Instant at) {
        return clientId.equals(erasedClient) && !at.isBefore(erasedAt);
    }

    /** When the link the client has at {@code at} ends (an erasure ends it too), or null. */
    private Instant linkEnd(String clientId, Instant at) {
        Episode episode = episodeAt(clientId, at);
        if (episode.ended() != null) {
            return episode.ended();
        }
        return clientId.equals(erasedClient) ? erasedAt.plusSeconds(1) : null;
    }

    private Episode episodeAt(String clientId, Instant at) {
        return episodes.stream().filter(e -> e.clientId().equals(clientId) && !e.linked().isAfter(at)
                && (e.ended() == null || e.ended().isAfter(at))).findFirst().orElseThrow();
    }

    private void session(String sessionId, String clientId, Slot slot, Instant approved) {
        Instant start = slot.start();
        int fate = random.nextInt(100);
        Instant early = approved.plus(Duration.between(approved, start.minus(Duration.ofHours(24))).dividedBy(2));
        Instant late = start.minus(Duration.ofHours(1 + random.nextInt(20)));
        String status;
        String by = null;
        Instant cancelledAt = null;
        Instant updatedAt = null;
        if (fate < 45) {
            status = "completed";
            updatedAt = slot.end().plus(Duration.ofMinutes(10));
        } else if (fate < 55) {
            status = "no_show";
            updatedAt = slot.end().plus(Duration.ofMinutes(10));
        } else if (fate < 96) {
            status = "cancelled";
            by = fate < 75 ? "client" : "therapist";
            cancelledAt = (fate < 65 || (fate >= 75 && fate < 85)) ? early : late;
            updatedAt = cancelledAt;
        } else {
            status = "scheduled";
        }
        Episode episode = episodeAt(clientId, approved);
        if (episode.ended() != null && episode.ended().isBefore(start)
                && (updatedAt == null || episode.ended().isBefore(updatedAt))) {
            // the end of the link comes first: endLink already ran in the model's order, so cancel it here the same way
            status = "cancelled";
            by = null;
            cancelledAt = episode.ended().plusSeconds(1);
            updatedAt = cancelledAt;
        } else if (clientId.equals(erasedClient) && start.isAfter(erasedAt)
                && (updatedAt == null || erasedAt.isBefore(updatedAt))) {
            status = "cancelled";
            by = null;
            cancelledAt = erasedAt.plusSeconds(2);
            updatedAt = cancelledAt;
        }
        sessions.add(new Session(sessionId, clientId, start, slot.end(), status, by, cancelledAt));
        if (updatedAt != null) {
            log.add(updatedAt, new SessionUpdated(sessionId, clientId, therapist, status, by));
            if (random.nextInt(10) < 3) {
                // a later edit of the notes repeats the status without a party: it must change nothing counted
                log.add(updatedAt.plus(Duration.ofDays(1)), new SessionUpdated(sessionId, clientId, therapist, status));
            }
        }
    }

    private void weekOfMessages(int week) {
        for (int i = 0; i < clients.size(); i++) {
            String c = clients.get(i);
            Instant tuesday = at(week, DayOfWeek.TUESDAY, 10, random.nextInt(50));
            if (!linked(c, tuesday) || erasedBy(c, tuesday)) {
                continue;
            }
            int count = 1 + random.nextInt(3);
            boolean lastWeekOfC0 = i == 0 && week == WEEKS - 1;
            for (int k = 0; k < count; k++) {
                message(c, false, tuesday.plus(Duration.ofMinutes(2L * k)), !lastWeekOfC0);
            }
            if (lastWeekOfC0) {
                unread.merge(c, count, Integer::sum);
                continue; // unanswered and unread
            }
            Instant reply = tuesday.plus(Duration.ofMinutes(5 + random.nextInt(600)));
            message(c, true, reply, true);
            replies.add(new Reply(tuesday, reply));
            if (random.nextBoolean()) {
                Instant thursday = at(week, DayOfWeek.THURSDAY, 16, 0);
                if (!linked(c, thursday) || erasedBy(c, thursday)) {
                    continue;
                }
                message(c, true, thursday, true);
                Instant answer = thursday.plus(Duration.ofMinutes(60));
                message(c, false, answer, true);
                Instant again = answer.plus(Duration.ofMinutes(1 + random.nextInt(2000)));
                message(c, true, again, true);
                replies.add(new Reply(answer, again));
            }
        }
    }

    private void message(String clientId, boolean fromTherapist, Instant at, boolean read) {
        String messageId = log.newId();
        String sender = fromTherapist ? therapist : clientId;
        String recipient = fromTherapist ? clientId : therapist;
        log.add(at, new MessageSent(messageId, sender, recipient));
        if (read) {
            log.add(at.plusSeconds(30), new MessageRead(messageId, recipient));
        }
        messages.add(new Message(clientId, fromTherapist, at));
    }

    /** c0's session in January: the request counts in the last week, the session in no bucket; its row's next one. */
    final Instant futureStart = LocalDate.of(2027, 1, 11).atTime(10, 0).atZone(ZONE).toInstant();

    private void futureSession() {
        String slotId = log.newId();
        Instant end = futureStart.plus(Duration.ofMinutes(50));
        log.add(at(11, DayOfWeek.MONDAY, 8, 0), new SlotsCreated(therapist, List.of(slotId),
                List.of(new SlotsCreated.SlotTimes(slotId, futureStart, end))));
        String requestId = log.newId();
        Instant received = at(11, DayOfWeek.WEDNESDAY, 8, 0);
        Instant decided = received.plus(Duration.ofHours(3));
        log.add(received, new AppointmentRequested(requestId, slotId, clients.get(0), therapist, futureStart, end));
        log.add(decided, new AppointmentApproved(requestId, slotId, clients.get(0), therapist, futureStart, end,
                log.newId()));
        requests.add(new Request(received, "approved", decided));
    }

    private void otherTherapist() {
        String client = clients.get(0);
        log.add(from().minus(Duration.ofDays(5)), new MappingApproved(log.newId(), client, otherTherapist, "client"));
        List<String> ids = new ArrayList<>();
        List<SlotsCreated.SlotTimes> times = new ArrayList<>();
        for (int week = 1; week <= 3; week++) {
            Slot slot = new Slot(at(week, DayOfWeek.FRIDAY, 11, 0), at(week, DayOfWeek.FRIDAY, 12, 0));
            String id = log.newId();
            ids.add(id);
            times.add(new SlotsCreated.SlotTimes(id, slot.start(), slot.end()));
            otherSlots.add(slot);
        }
        log.add(from().minus(Duration.ofDays(3)), new SlotsCreated(otherTherapist, ids, times));
        Slot booked = otherSlots.get(0);
        String requestId = log.newId();
        String sessionId = log.newId();
        Instant received = booked.start().minus(Duration.ofDays(2));
        log.add(received, new AppointmentRequested(requestId, ids.get(0), client, otherTherapist, booked.start(),
                booked.end()));
        log.add(received.plusSeconds(3600), new AppointmentApproved(requestId, ids.get(0), client, otherTherapist,
                booked.start(), booked.end(), sessionId));
        log.add(booked.end(), new SessionUpdated(sessionId, client, otherTherapist, "completed"));
        otherSessions.add(new Session(sessionId, client, booked.start(), booked.end(), "completed", null, null));
    }

    /** The clients with a row: linked now, not erased. */
    Set<String> rowClients() {
        Set<String> rows = new HashSet<>();
        for (String c : clients) {
            if (!c.equals(erasedClient) && linked(c, Instant.now())) {
                rows.add(c);
            }
        }
        return rows;
    }

    // ---- expected figures, counted from the model ----

    List<Instant> weekBoundaries() {
        List<Instant> boundaries = new ArrayList<>();
        for (int w = 0; w <= WEEKS; w++) {
            boundaries.add(FIRST_MONDAY.plusWeeks(w).atStartOfDay(ZONE).toInstant());
        }
        return boundaries;
    }

    /** One bucket's expected figures, named as in the API. */
    Map<String, Object> expected(Instant from, Instant to) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<Session> in = sessions.stream().filter(s -> within(s.start(), from, to)).toList();
        f.put("sessions.scheduled", count(in, "scheduled"));
        f.put("sessions.completed", count(in, "completed"));
        f.put("sessions.noShow", count(in, "no_show"));
        f.put("sessions.cancelledByClient", in.stream().filter(s -> "client".equals(s.cancelledBy())).count());
        f.put("sessions.cancelledByTherapist", in.stream().filter(s -> "therapist".equals(s.cancelledBy())).count());
        f.put("sessions.lateCancelled", in.stream().filter(Session::late).count());
        long completed = count(in, "completed");
        long noShow = count(in, "no_show");
        f.put("attendanceRate", completed + noShow == 0 ? null : (double) completed / (completed + noShow));
        double offered = slots.stream().filter(s -> within(s.start(), from, to)).mapToDouble(s -> hours(s.start(), s.end())).sum();
        double booked = in.stream().filter(s -> !"cancelled".equals(s.status())).mapToDouble(s -> hours(s.start(), s.end())).sum();
        f.put("offeredHours", offered);
        f.put("bookedHours", booked);
        f.put("utilisation", offered == 0 ? null : booked / offered);
        List<Request> received = requests.stream().filter(r -> within(r.received(), from, to)).toList();
        f.put("requests.received", (long) received.size());
        f.put("requests.approved", received.stream().filter(r -> "approved".equals(r.outcome())).count());
        f.put("requests.rejected", received.stream().filter(r -> "rejected".equals(r.outcome())).count());
        f.put("requests.cancelled", received.stream().filter(r -> "cancelled".equals(r.outcome())).count());
        f.put("requests.medianHoursToDecision", median(received.stream()
                .filter(r -> "approved".equals(r.outcome()) || "rejected".equals(r.outcome()))
                .map(r -> hours(r.received(), r.decided())).toList()));
        Set<String> active = new HashSet<>();
        long started = 0;
        long ended = 0;
        for (Episode e : episodes) {
            if (within(e.linked(), from, to)) {
                started++;
            }
            if (e.ended() != null && within(e.ended(), from, to)) {
                ended++;
            }
            if (e.linked().isBefore(to) && (e.ended() == null || e.ended().isAfter(from))) {
                active.add(e.clientId());
            }
        }
        f.put("caseload.active", (long) active.size());
        f.put("caseload.started", started);
        f.put("caseload.ended", ended);
        f.put("messages.received", messages.stream().filter(m -> !m.fromTherapist() && within(m.at(), from, to)).count());
        f.put("messages.sent", messages.stream().filter(m -> m.fromTherapist() && within(m.at(), from, to)).count());
        f.put("messages.medianMinutesToFirstReply", median(replies.stream().filter(r -> within(r.runStart(), from, to))
                .map(r -> Duration.between(r.runStart(), r.replyAt()).toMillis() / 60_000.0).toList()));
        return f;
    }

    private static long count(List<Session> sessions, String status) {
        return sessions.stream().filter(s -> status.equals(s.status())).count();
    }

    static boolean within(Instant t, Instant from, Instant to) {
        return t != null && !t.isBefore(from) && t.isBefore(to);
    }

    static double hours(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 3_600_000.0;
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
