package io.therapyms.analytics.config;

import java.time.Instant;

import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;

/** Instants as fixed-width UTC text, so that sort keys and version strings order as the instants do. */
public final class TimeKeys {

    private TimeKeys() {
    }

    /** The platform's nanosecond sort key ({@link SortableTime#nanos}), which the other services' keys use too. */
    public static String key(Instant instant) {
        return SortableTime.nanos(instant);
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
