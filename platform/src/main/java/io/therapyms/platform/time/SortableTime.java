package io.therapyms.platform.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC text, so that comparing or sorting the strings (sort keys, condition
 * expressions) orders them as the instants. {@code Instant.toString()} is not such a format: it drops
 * zero fractions, and "10:00:00Z" sorts after "10:00:00.500Z".
 */
public final class SortableTime {

    private static final DateTimeFormatter NANOS = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    /** Nanosecond precision: two distinct instants never share a text. */
    public static String nanos(Instant instant) {
        return InstantText.formatNanos(instant, () -> NANOS.format(instant));
    }

    /**
     * Millisecond precision (the rest is cut off, not rounded): for keys whose times are kept to the
     * millisecond anyway. Instants within one millisecond share a text, so add a unique suffix.
     */
    public static String millis(Instant instant) {
        return InstantText.formatMillis(instant, () -> MILLIS.format(instant));
    }
}
