package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** A therapist created their profile; it stays unverified until an admin verifies it. */
public record TherapistProfileCreated(
        String therapistId,
        String name,
        boolean verified) implements DomainEvent {

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
