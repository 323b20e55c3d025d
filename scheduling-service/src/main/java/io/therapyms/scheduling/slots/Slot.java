package io.therapyms.scheduling.slots;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A bookable time of a therapist: open until an approval books it ({@code bookedBy} = that request, never shown). */
public record Slot(String slotId, String therapistId, Instant startTime, Instant endTime, SlotStatus status,
        @JsonIgnore String bookedBy) {

    public static Slot open(String slotId, String therapistId, Instant startTime, Instant endTime) {
        return new Slot(slotId, therapistId, startTime, endTime, SlotStatus.OPEN, "");
    }

    public boolean isBookedBy(String requestId) {
        return status == SlotStatus.BOOKED && requestId.equals(bookedBy);
    }
}
