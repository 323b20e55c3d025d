package io.therapyms.scheduling.sessions;

import java.time.Instant;

/** A booked appointment; {@code privateNotes} are the therapist's alone. */
public record Session(String sessionId, String clientId, String therapistId, String slotId, String requestId,
        Instant startTime, Instant endTime, SessionStatus status, String sharedNotes, String privateNotes) {
}
