package io.therapyms.events.therapists;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.therapyms.events.DomainEvent;

/**
 * A therapist created their profile; it stays unverified until an admin verifies it.
 * {@code timezone} (optional) is the therapist's IANA time zone, in which analytics buckets their weeks and
 * months; absent when the profile names none.
 */
public record TherapistProfileCreated(
        String therapistId,
        String name,
        boolean verified,
        @JsonInclude(JsonInclude.Include.NON_NULL) String timezone) implements DomainEvent {

    /** A profile that names no time zone. */
    public TherapistProfileCreated(String therapistId, String name, boolean verified) {
        this(therapistId, name, verified, null);
    }

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
