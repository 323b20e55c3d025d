package io.therapyms.analytics.summary;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.therapyms.platform.errors.BadRequestException;

/**
 * The buckets of a summary: whole weeks (from Monday 00:00) or months in one time zone, covering [from, to).
 * {@code from} is moved back to its bucket's start and {@code to} forward to the next bucket's start, so every
 * bucket is complete. At most two years; by default the 12 weeks up to the end of the current one.
 */
public record Range(ZoneId zone, String bucket, List<Instant> boundaries) {

    static final Duration MAX_SPAN = Duration.ofDays(731);
    static final int DEFAULT_WEEKS = 12;

    public Instant from() {
        return boundaries.get(0);
    }

    public Instant to() {
        return boundaries.get(boundaries.size() - 1);
    }

    public static Range parse(String timezone, String fromText, String toText, String bucketText, ZoneId fallback,
            Instant now) {
        ZoneId zone = zone(timezone, fallback);
        String bucket = bucketText == null ? "week" : bucketText;
        if (!bucket.equals("week") && !bucket.equals("month")) {
            throw BadRequestException.field("bucket", "must be week or month");
        }
        Instant givenFrom = instant("from", fromText, zone);
        Instant givenTo = instant("to", toText, zone);
        if (givenFrom != null && givenTo != null) {
            if (!givenTo.isAfter(givenFrom)) {
                throw BadRequestException.field("to", "must be after from");
            }
            if (Duration.between(givenFrom, givenTo).compareTo(MAX_SPAN) > 0) {
                throw BadRequestException.field("to", "must be at most two years after from");
            }
        }
        ZonedDateTime to = givenTo == null ? next(floor(now.atZone(zone), bucket), bucket) : ceil(givenTo.atZone(zone), bucket);
        ZonedDateTime from = givenFrom == null ? floor(to.minusWeeks(DEFAULT_WEEKS), bucket) : floor(givenFrom.atZone(zone), bucket);
        if (!to.isAfter(from)) {
            throw BadRequestException.field("from", "must be before to");
        }
        if (Duration.between(from.toInstant(), to.toInstant()).compareTo(MAX_SPAN.plusDays(62)) > 0) {
            throw BadRequestException.field("from", "must be at most two years before to");
        }
        List<Instant> boundaries = new ArrayList<>();
        for (ZonedDateTime start = from; !start.isAfter(to); start = next(start, bucket)) {
            boundaries.add(start.toInstant());
        }
        return new Range(zone, bucket, boundaries);
    }

    private static ZoneId zone(String timezone, ZoneId fallback) {
        if (timezone == null) {
            return fallback;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException unknown) {
            throw BadRequestException.field("timezone", "must be an IANA time zone such as Europe/Berlin");
        }
    }

    /** An ISO-8601 instant with an offset, or a date (its start in the zone). */
    private static Instant instant(String field, String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException notADate) {
                throw BadRequestException.field(field, "must be an ISO-8601 instant with an offset, or a date");
            }
        }
    }

    static ZonedDateTime floor(ZonedDateTime time, String bucket) {
        LocalDate date = time.toLocalDate();
        LocalDate start = bucket.equals("week") ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : date.withDayOfMonth(1);
        return start.atStartOfDay(time.getZone());
    }

    private static ZonedDateTime ceil(ZonedDateTime time, String bucket) {
        ZonedDateTime floor = floor(time, bucket);
        return floor.toInstant().equals(time.toInstant()) ? floor : next(floor, bucket);
    }

    private static ZonedDateTime next(ZonedDateTime bucketStart, String bucket) {
        LocalDate date = bucketStart.toLocalDate();
        return (bucket.equals("week") ? date.plusWeeks(1) : date.plusMonths(1)).atStartOfDay(bucketStart.getZone());
    }
}
