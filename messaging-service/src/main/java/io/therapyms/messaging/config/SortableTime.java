package io.therapyms.messaging.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Fixed-width UTC instants (millisecond precision), so sort keys order like the times they hold. */
public final class SortableTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
