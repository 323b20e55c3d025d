package io.therapyms.analytics.days;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.therapyms.analytics.ingest.Party;
import io.therapyms.analytics.ingest.RequestOutcome;
import io.therapyms.analytics.ingest.SessionStatus;

/** A user's time-line facts as read (sessions and slots by start, requests and messages by time). */
public record TherapistFacts(List<Session> sessions, List<Slot> slots, List<Request> requests, List<Message> messages) {

    public record Session(Instant start, Instant end, SessionStatus status, Instant cancelledAt, Party cancelledBy) {
    }

    public record Slot(Instant start, Instant end) {
    }

    public record Request(Instant receivedAt, RequestOutcome outcome, Instant decidedAt) {
    }

    /** A message of the owner's: sent by them ({@code sent}) or to them, with the other party. */
    public record Message(String id, String counterpartId, boolean sent, Instant at) {
    }

    /** A link episode; not on the time line, read separately (one item per link the therapist ever had). */
    public record Episode(String therapistId, String clientId, Instant linkedAt, Instant endedAt) {
    }

    public static TherapistFacts empty() {
        return new TherapistFacts(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
}
