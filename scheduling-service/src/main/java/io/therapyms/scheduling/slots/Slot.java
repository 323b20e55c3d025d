package io.therapyms.scheduling.slots;

import java.time.Instant;

/** A bookable time of a therapist: open until an approval books it. */
public record Slot(String slotId, String therapistId, Instant startTime, Instant endTime, String status) {
}
