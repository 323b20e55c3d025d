package io.therapyms.analytics.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the figures are computed from: a therapist's (or the practice's) facts around a range, as read. */
public record TherapistFacts(List<Session> sessions, List<Slot> slots, List<Request> requests, List<Message> messages,
        List<Episode> episodes) {

    public record Session(Instant start, Instant end, String status, Instant cancelledAt, String cancelledBy) {
    }

    public record Slot(Instant start, Instant end) {
    }

    public record Request(Instant receivedAt, String outcome, Instant decidedAt) {
    }

    /** A message of the therapist's: sent by them ({@code sent}) or to them, with the other party. */
    public record Message(String id, String therapistId, String counterpartId, boolean sent, Instant at) {
    }

    public record Episode(String therapistId, String clientId, Instant linkedAt, Instant endedAt) {
    }

    public static TherapistFacts empty() {
        return new TherapistFacts(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }

    public TherapistFacts add(TherapistFacts other) {
        sessions.addAll(other.sessions);
        slots.addAll(other.slots);
        requests.addAll(other.requests);
        messages.addAll(other.messages);
        episodes.addAll(other.episodes);
        return this;
    }
}
