package io.therapyms.gateway.edge;

import java.util.regex.Pattern;

/** The public API lives under {@code /api}; this is the one place that says so. */
public final class ApiPaths {

    private static final String API_ROOT = "/api";

    /** A calendar feed's path holds its secret token: the path is the credential (API.md, Export and calendar). */
    private static final Pattern CALENDAR_TOKEN = Pattern.compile("(/api/calendar/)[^/?#\\s]+(\\.ics)");

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path != null && (path.equals(API_ROOT) || path.startsWith(API_ROOT + "/"));
    }

    /** The text with every calendar token replaced, for anything that is logged (Vert.x puts the URI in some failures). */
    public static String redacted(String text) {
        return text == null ? null : CALENDAR_TOKEN.matcher(text).replaceAll("$1<redacted>$2");
    }
}
