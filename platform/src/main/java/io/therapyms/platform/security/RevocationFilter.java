package io.therapyms.platform.security;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.therapyms.platform.errors.UnauthorizedException;

/**
 * Refuses access tokens that were revoked (logout, password change, deactivation) although their
 * signature and expiry are still valid. Runs on every request that carries a bearer token.
 */
public class RevocationFilter {

    @Inject
    JsonWebToken token;

    @Inject
    RevocationListener revocations;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public void refuseRevokedTokens(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || token == null || token.getRawToken() == null) {
            return;
        }
        Instant issuedAt = token.getIssuedAtTime() == 0 ? null : Instant.ofEpochSecond(token.getIssuedAtTime());
        if (revocations.state().isRevoked(token.getSubject(), token.getTokenID(), issuedAt)) {
            throw new UnauthorizedException("The access token was revoked.");
        }
    }
}
