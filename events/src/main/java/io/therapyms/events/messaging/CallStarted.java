package io.therapyms.events.messaging;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/** Both parties of a session joined its video call. Ids and times only: nothing about media or the network path. */
public record CallStarted(String sessionId, String clientId, String therapistId, Instant startedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return sessionId;
    }
}
