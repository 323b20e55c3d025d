package io.therapyms.events.messaging;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/**
 * The video call of a session ended: after it started, neither party was connected any more.
 * {@code durationSeconds} runs from {@link CallStarted#startedAt()} to {@code endedAt}.
 */
public record CallEnded(String sessionId, String clientId, String therapistId, Instant endedAt, long durationSeconds)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return sessionId;
    }
}
