package io.therapyms.auth.sessions;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Clears the refresh cookie when a cookie transport request to a {@link ClearsRefreshCookieOnFailure}
 * endpoint ends in 401. A filter, because the 401 is the platform's problem+json mapping of the
 * exception and the resource never sees that response.
 */
@Provider
@ClearsRefreshCookieOnFailure
class RefreshCookieClearingFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 401 || !isCookieTransport(request.getHeaders().get(TokenTransport.HEADER))) {
            return;
        }
        boolean secure = RefreshCookie.secure(request.getHeaders(), request.getUriInfo().getRequestUri().getScheme());
        response.getHeaders().add(HttpHeaders.SET_COOKIE, RefreshCookie.clear(secure));
    }

    private static boolean isCookieTransport(List<String> header) {
        try {
            return TokenTransport.requested(header) == TokenTransport.COOKIE;
        } catch (RuntimeException unknownValue) {
            return false;
        }
    }
}
