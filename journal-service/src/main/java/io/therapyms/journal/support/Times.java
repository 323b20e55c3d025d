package io.therapyms.journal.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.therapyms.platform.errors.BadRequestException;

/** Fixed-width UTC timestamps (millisecond precision) so that they sort as strings in sort keys. */
public final class Times {

    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant instant) {
        return FIXED.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
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
                return Instant.parse(value.strip()).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException again) {
                throw BadRequestException.field(field, "must be an ISO-8601 date-time with an offset");
            }
        }
    }
}
