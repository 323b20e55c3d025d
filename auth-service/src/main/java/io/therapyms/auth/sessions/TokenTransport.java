package io.therapyms.auth.sessions;

import java.util.List;
import java.util.Locale;

import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ForbiddenException;

/**
 * How the refresh token travels: in the JSON body (any client), or, for browsers that ask with
 * {@code X-Token-Transport: cookie}, in the HttpOnly cookie {@link RefreshCookie#NAME} where page
 * scripts cannot read it.
 */
enum TokenTransport {
    BODY, COOKIE;

    static final String HEADER = "X-Token-Transport";

    /**
     * The transport a request asked for, from every value of the header: none means the body, one
     * {@code cookie} the cookie; anything else (an empty value included) is a 400.
     */
    static TokenTransport requested(List<String> header) {
        if (header == null || header.isEmpty()) {
            return BODY;
        }
        if (header.size() == 1 && header.get(0).trim().toLowerCase(Locale.ROOT).equals("cookie")) {
            return COOKIE;
        }
        throw new BadRequestException(HEADER + " must be \"cookie\" or left out.");
    }

    /**
     * The transport of a request to an endpoint that reads the cookie. A cross-site page can make
     * the browser send the cookie but cannot add a custom header without a CORS preflight, so the
     * cookie counts only next to the header; presented without it, it is refused and left unused.
     */
    static TokenTransport forCookieReader(List<String> header, String cookie) {
        TokenTransport transport = requested(header);
        if (transport == BODY && cookie != null) {
            throw new CookieWithoutTransportHeaderException();
        }
        return transport;
    }

    static final class CookieWithoutTransportHeaderException extends ForbiddenException {

        CookieWithoutTransportHeaderException() {
            super("The " + RefreshCookie.NAME + " cookie is only accepted with the header " + HEADER + ": cookie.");
        }
    }
}
