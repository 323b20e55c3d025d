package io.therapyms.events.scheduling;

import io.therapyms.events.DomainEvent;
import java.util.List;

/** A therapist published a batch of bookable slots. */
public record SlotsCreated(String therapistId, List<String> slotIds) implements DomainEvent {

    public SlotsCreated {
        slotIds = List.copyOf(slotIds); // immutable like every other component
    }

    @Override
    public String aggregateId() {
        return therapistId;
    }
}
