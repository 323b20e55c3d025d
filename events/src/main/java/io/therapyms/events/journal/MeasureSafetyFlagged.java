package io.therapyms.events.journal;

import io.therapyms.events.DomainEvent;
import java.util.List;

/**
 * A completed PHQ-9 answered item 9 (thoughts of self-harm) above 0. {@code therapistIds} are the therapists who
 * held an active journal grant when the questionnaire was stored (journal-service owns the grants): each of them
 * gets a notification. Ids only.
 */
public record MeasureSafetyFlagged(
        String measureId,
        String clientId,
        List<String> therapistIds) implements DomainEvent {

    public MeasureSafetyFlagged {
        therapistIds = List.copyOf(therapistIds); // immutable like every other component
    }

    @Override
    public String aggregateId() {
        return measureId;
    }
}
