package io.therapyms.gateway.revocation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.therapyms.events.EventCodec;
import io.therapyms.events.InvalidEventException;
import io.therapyms.events.identity.RevocationState;
import io.therapyms.gateway.edge.ProblemResponse;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses revoked access tokens at the edge (logout, password change, deactivation), from the
 * identity events, so they stop working on the next request. Every gateway instance reads all of
 * {@code identity.events} from the beginning in its own consumer group.
 * <p>
 * The token is only decoded here, not verified: a forged token can at most be refused, and every
 * service verifies signature, issuer, audience and expiry itself.
 */
@ApplicationScoped
public class RevokedTokenFilter implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(RevokedTokenFilter.class);
    /** Access tokens live at most 15 minutes; a minute of clock skew on top. */
    private static final Duration MAX_TOKEN_LIFETIME = Duration.ofMinutes(16);
    private static final EventCodec CODEC = new EventCodec();
    private static final String BEARER = "bearer ";

    private final RevocationState state = new RevocationState(MAX_TOKEN_LIFETIME, Clock.systemUTC());

    @Incoming("identity-revocations")
    void on(String record) {
        try {
            state.apply(CODEC.decode(record).data());
        } catch (InvalidEventException e) {
            LOG.warnf("Undecodable identity event sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        }
        state.prune();
    }

    @Override
    public void handle(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && isRevoked(authorization.substring(BEARER.length()).trim())) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            ProblemResponse.send(context.response(), 401, "unauthorized", "Unauthorized", "The access token was revoked.");
            return;
        }
        context.next();
    }

    private boolean isRevoked(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return false; // not a JWT: the service refuses it
        }
        try {
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Object iat = claims.getValue("iat");
            Instant issuedAt = iat instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
            return state.isRevoked(claims.getString("sub"), claims.getString("jti"), issuedAt);
        } catch (RuntimeException malformed) {
            return false; // the service refuses it with the same 401
        }
    }
}
