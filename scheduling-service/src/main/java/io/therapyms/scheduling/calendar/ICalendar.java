package io.therapyms.scheduling.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes an RFC 5545 iCalendar object: CRLF line ends, content lines folded at 75 octets (never inside a
 * UTF-8 sequence), TEXT values escaped, date-times in UTC ("Z" form, so no VTIMEZONE is needed).
 */
final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder();

    ICalendar begin(String component) {
        return line("BEGIN:" + component);
    }

    ICalendar end(String component) {
        return line("END:" + component);
    }

    /** A property whose value is written as it is (identifiers, enumerations, integers, URIs). */
    ICalendar raw(String name, String value) {
        return line(name + ":" + value.replaceAll("\\p{Cntrl}", ""));
    }

    ICalendar text(String name, String value) {
        return line(name + ":" + escape(value));
    }

    ICalendar time(String name, Instant value) {
        return line(name + ":" + UTC.format(value.truncatedTo(ChronoUnit.SECONDS)));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : stripControls(value.replace("\r\n", "\n")).toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Control characters other than the newline have no place in a content line (RFC 5545 3.1). */
    private static String stripControls(String value) {
        return value.codePoints().filter(c -> c == '\n' || !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private ICalendar line(String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length();) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                // a continuation line starts with one space, which counts toward its 75 octets
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
        return this;
    }
}
