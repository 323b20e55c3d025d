package io.therapyms.auth.sessions;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The {@code Set-Cookie} values of the browser transport. The cookie is scoped to {@code /api/auth}
 * (refresh and logout), never readable by scripts, never sent cross-site, and lives no longer
 * than the refresh token it carries.
 */
final class RefreshCookie {

    static final String NAME = "tms_refresh";
    static final String PATH = "/api/auth";

    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String FORWARDED_HOST = "X-Forwarded-Host";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private RefreshCookie() {
    }

    /** Sets the cookie to {@code token} for the token's remaining life, rounded down to whole seconds. */
    static String set(String token, Duration remaining, boolean secure) {
        return cookie(token, Math.max(0, remaining.toSeconds()), secure);
    }

    /** Makes the browser drop the cookie: same name and path, expired at once. */
    static String clear(boolean secure) {
        return cookie("", 0, secure);
    }

    private static String cookie(String value, long maxAgeSeconds, boolean secure) {
        return NAME + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path=" + PATH + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /**
     * Whether the cookie must be {@code Secure}: always, except when the browser is on plain
     * {@code http://localhost} or {@code http://127.0.0.1}, where it would otherwise not be stored.
     * The client's view is what the gateway forwards in {@code X-Forwarded-Proto/-Host} (it
     * overwrites them for anyone but a trusted proxy); without them, the request's own scheme and
     * {@code Host}. Every value of a list must say local http, so a proxy chain that saw TLS or a
     * public name anywhere keeps the flag.
     */
    static boolean secure(MultivaluedMap<String, String> headers, String requestScheme) {
        List<String> schemes = values(headers, FORWARDED_PROTO);
        if (schemes.isEmpty()) {
            schemes = requestScheme == null ? List.of() : List.of(requestScheme);
        }
        List<String> hosts = values(headers, FORWARDED_HOST);
        if (hosts.isEmpty()) {
            hosts = values(headers, "Host");
        }
        boolean localHttp = !schemes.isEmpty() && !hosts.isEmpty()
                && schemes.stream().allMatch(scheme -> scheme.equalsIgnoreCase("http"))
                && hosts.stream().allMatch(RefreshCookie::isLocal);
        return !localHttp;
    }

    private static List<String> values(MultivaluedMap<String, String> headers, String name) {
        List<String> lines = headers.get(name);
        if (lines == null) {
            return List.of();
        }
        return lines.stream()
                .flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    /** {@code localhost} or {@code 127.0.0.1}, with or without a port. */
    private static boolean isLocal(String authority) {
        int colon = authority.lastIndexOf(':');
        String host = colon >= 0 ? authority.substring(0, colon) : authority;
        return LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }
}
