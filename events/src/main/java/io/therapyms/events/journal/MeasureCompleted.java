package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/**
 * The client completed a questionnaire ({@code instrument} "PHQ-9" or "GAD-7"). Never the answers, the score or
 * the severity: those stay in journal-service.
 */
public record MeasureCompleted(
        String measureId,
        String clientId,
        String instrument,
        Instant completedAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return measureId;
    }
}
