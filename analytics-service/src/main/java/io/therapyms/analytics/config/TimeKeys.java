package io.therapyms.analytics.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.therapyms.platform.time.InstantText;

/** Instants as fixed-width UTC text, so that sort keys and version strings order as the instants do. */
public final class TimeKeys {

    private static final DateTimeFormatter KEY_FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private TimeKeys() {
    }

    public static String key(Instant instant) {
        return KEY_FORMAT.format(instant);
    }

    public static Instant parse(String key) {
        return key == null ? null : InstantText.parse(key);
    }

    /**
     * The order of an event among the events about one entity: its time, then its id, so that every replica and
     * every replay picks the same latest event whatever order they arrived in.
     */
    public static String version(Instant eventTime, String eventId) {
        return key(eventTime) + "#" + eventId;
    }
}
