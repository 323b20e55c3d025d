package io.therapyms.journal.support;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.time.InstantText;

/** Times kept to the millisecond (stored with platform's {@code SortableTime.millis}), and instants from the API. */
public final class Times {

    private Times() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An ISO-8601 date-time with an offset (normalised to UTC), or null when absent; otherwise 400 on {@code field}. */
    public static Instant parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            try {
                return InstantText.parse(value.strip()).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException again) {
                throw BadRequestException.field(field, "must be an ISO-8601 date-time with an offset");
            }
        }
    }
}
