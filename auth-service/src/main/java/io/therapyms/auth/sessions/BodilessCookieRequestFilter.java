package io.therapyms.auth.sessions;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A browser's refresh or logout through the cookie has nothing to send, and a client without a body
 * sends no {@code Content-Type} ({@code fetch}) or any it likes; such a cookie transport request is
 * taken as an empty JSON body instead of a 415. Only when it has no body at all: anything sent
 * still has to say it is JSON.
 */
@Provider
@PreMatching
class BodilessCookieRequestFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaders().containsKey(TokenTransport.HEADER)
                && request.getHeaderString("Transfer-Encoding") == null
                && (request.getHeaderString(HttpHeaders.CONTENT_LENGTH) == null
                        || request.getHeaderString(HttpHeaders.CONTENT_LENGTH).equals("0"))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
