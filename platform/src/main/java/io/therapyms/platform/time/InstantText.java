package io.therapyms.platform.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * {@link Instant#parse} and {@link Instant#toString} for the one shape this system stores and sends
 * ({@code 2026-03-01T10:00:00.123Z}: a four-digit year, UTC, 0–9 fraction digits), without going through
 * {@code DateTimeFormatter}. Reading a page of 50 journal entries parses 150 instants and writes as many;
 * through the formatter those took 28 % of journal-service's CPU in the journal-list benchmark
 * (BENCHMARKS.md, issue #19). Anything else (offsets, lower-case letters, leap seconds, an invalid date,
 * five-digit years) goes to the JDK's own methods, so the results and the exceptions are always theirs.
 */
public final class InstantText {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final long FIRST_FOUR_DIGIT_YEAR = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long AFTER_FOUR_DIGIT_YEARS = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private InstantText() {
    }

    /** Exactly {@code Instant.parse(text)}: the same instant, or the same {@code DateTimeParseException}. */
    public static Instant parse(CharSequence text) {
        Instant fast = parseCommonShape(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** Exactly {@code instant.toString()}: the fraction in groups of three digits, none when zero. */
    public static String format(Instant instant) {
        int nanos = instant.getNano();
        int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        return formatWith(instant, digits, instant::toString);
    }

    /** {@link SortableTime#nanos}: always nine fraction digits. */
    static String formatNanos(Instant instant, Supplier<String> otherwise) {
        return formatWith(instant, 9, otherwise);
    }

    /** {@link SortableTime#millis}: always three fraction digits, the rest cut off. */
    static String formatMillis(Instant instant, Supplier<String> otherwise) {
        return formatWith(instant, 3, otherwise);
    }

    private static String formatWith(Instant instant, int fractionDigits,
            Supplier<String> otherwise) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_YEAR || seconds >= AFTER_FOUR_DIGIT_YEARS) {
            return otherwise.get();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] out = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        digits(out, 0, time.getYear(), 4);
        out[4] = '-';
        digits(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, time.getHour(), 2);
        out[13] = ':';
        digits(out, 14, time.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, time.getSecond(), 2);
        int at = 19;
        if (fractionDigits > 0) {
            out[at++] = '.';
            int fraction = instant.getNano();
            for (int cut = 9; cut > fractionDigits; cut--) {
                fraction /= 10;
            }
            digits(out, at, fraction, fractionDigits);
            at += fractionDigits;
        }
        out[at] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The instant when the text has the common shape and a valid date and time; null to let the JDK decide. */
    private static Instant parseCommonShape(CharSequence text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        // 24:00 and leap seconds (:60) are the JDK's to resolve
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            nanos = number(text, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int scale = fractionDigits; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException invalidDate) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal digits at [from, from + width) as a number, or -1 if any is not an ASCII digit. */
    private static int number(CharSequence text, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
