package io.therapyms.scheduling.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.therapyms.platform.errors.BadRequestException;

/** Instants from the API: any ISO-8601 offset accepted, normalised to UTC. */
public final class Times {

    private Times() {
    }

    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw BadRequestException.field(field, "is required");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            throw BadRequestException.field(field, "must be an ISO-8601 instant with an offset");
        }
    }

    public static Instant parseOptional(String field, String value) {
        return value == null ? null : parse(field, value);
    }
}
