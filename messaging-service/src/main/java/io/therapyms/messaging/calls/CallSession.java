package io.therapyms.messaging.calls;

import java.time.Duration;
import java.time.Instant;

/** A session as messaging-service knows it from scheduling.events, and its join window. */
public record CallSession(String sessionId, String clientId, String therapistId, Instant startTime, Instant endTime,
        String status) {

    static final Duration OPENS_BEFORE_START = Duration.ofMinutes(15);
    static final Duration CLOSES_AFTER_END = Duration.ofMinutes(30);

    public Instant joinOpensAt() {
        return startTime.minus(OPENS_BEFORE_START);
    }

    public Instant joinClosesAt() {
        return endTime.plus(CLOSES_AFTER_END);
    }

    public boolean isParty(String userId) {
        return clientId.equals(userId) || therapistId.equals(userId);
    }

    public boolean windowOpenAt(Instant now) {
        return !now.isBefore(joinOpensAt()) && now.isBefore(joinClosesAt());
    }

    /** New joins need a scheduled session. */
    public boolean joinable() {
        return "scheduled".equals(status);
    }

    /**
     * A call in progress survives only a status that does not withdraw the session: a therapist
     * marking it completed while talking ends nothing; cancelled or no_show does.
     */
    public boolean keepsOpenCalls() {
        return keepsOpenCalls(status);
    }

    static boolean keepsOpenCalls(String status) {
        return "scheduled".equals(status) || "completed".equals(status);
    }

    public String otherParty(String userId) {
        return clientId.equals(userId) ? therapistId : clientId;
    }

    public String roleOf(String userId) {
        return clientId.equals(userId) ? "client" : "therapist";
    }
}
