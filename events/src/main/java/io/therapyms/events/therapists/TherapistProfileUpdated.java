package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** A therapist's profile changed; carries the fields that projections show. */
public record TherapistProfileUpdated(
        String therapistId,
        String name,
        boolean verified) implements DomainEvent {

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
