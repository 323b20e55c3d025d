package io.therapyms.events.therapists;

import io.therapyms.events.DomainEvent;

/** An admin set or cleared the therapist's {@code verified} flag. */
public record TherapistVerified(String therapistId, boolean verified) implements DomainEvent {

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
