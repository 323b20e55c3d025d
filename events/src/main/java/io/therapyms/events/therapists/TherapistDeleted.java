package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** A therapist profile was deleted; consumers erase what they hold about the therapist. */
public record TherapistDeleted(String therapistId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
