package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;
import java.time.Instant;

/**
 * A therapist withdrew an open slot. Keyed by the therapist like {@link SlotsCreated}, so that the creation and the
 * withdrawal of a slot stay in order on one partition; the times let a consumer take back the slot's offered hours.
 */
public record SlotDeleted(String slotId, String therapistId, Instant startTime, Instant endTime) implements DomainEvent {

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
