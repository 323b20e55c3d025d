package io.therapyms.events.scheduling;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.therapyms.events.DomainEvent;

/**
 * A session was updated; carries its current {@code status}. Session notes never leave scheduling-service.
 * {@code cancelledBy} (optional) names the party who cancelled it themself ({@code client} or {@code therapist});
 * it is absent for every other update and for a cancellation that followed the end of the link or a deletion.
 */
public record SessionUpdated(
        String sessionId,
        String clientId,
        String therapistId,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String cancelledBy) implements DomainEvent {

    /** An update that is not a party's own cancellation. */
    public SessionUpdated(String sessionId, String clientId, String therapistId, String status) {
        this(sessionId, clientId, therapistId, status, null);
    }

    @Override
    public String aggregateId() {
        return sessionId;
    }
}
