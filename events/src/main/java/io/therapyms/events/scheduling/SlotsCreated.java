package io.therapyms.events.scheduling;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.therapyms.events.DomainEvent;
import java.time.Instant;
import java.util.List;

/**
 * A therapist published a batch of bookable slots. {@code slots} (optional, added for analytics' offered hours)
 * repeats each slot's times; events written before it existed have only {@code slotIds}.
 */
public record SlotsCreated(
        String therapistId,
        List<String> slotIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<SlotTimes> slots) implements DomainEvent {

    /** One slot of the batch with its times. */
    public record SlotTimes(String slotId, Instant startTime, Instant endTime) {
    }

    public SlotsCreated {
        slotIds = List.copyOf(slotIds); // immutable like every other component
        slots = slots == null ? null : List.copyOf(slots);
    }

    /** The batch without the slots' times, as published before {@code slots} existed. */
    public SlotsCreated(String therapistId, List<String> slotIds) {
        this(therapistId, slotIds, null);
    }

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
