package io.therapyms.messaging.push;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.therapyms.platform.security.MfaEnrollmentFilter;
import io.therapyms.platform.security.RevocationListener;

/**
 * Verifies a socket's token with the platform's JWT settings and refuses revoked ones, and the tokens of
 * a user who must still enrol a second factor: sockets are not REST calls, so the platform's
 * {@link MfaEnrollmentFilter} never sees them, and no socket is among the calls such a token may make.
 */
@Singleton
public class SocketAuthenticator {

    @Inject
    Clock clock;

    /** The verified owner of a socket and when the token stops being valid. */
    public record SocketUser(String userId, String jti, Instant issuedAt, Instant expiresAt) {
    }

    @Inject
    JWTParser parser;

    @Inject
    RevocationListener revocations;

    public Optional<SocketUser> verify(String rawToken) {
        if (rawToken == null || rawToken.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken token = parser.parse(rawToken.trim());
            if (token.getSubject() == null || mustEnrol(token)) {
                return Optional.empty();
            }
            SocketUser user = new SocketUser(token.getSubject(), token.getTokenID(),
                    token.getIssuedAtTime() == 0 ? null : Instant.ofEpochSecond(token.getIssuedAtTime()),
                    Instant.ofEpochSecond(token.getExpirationTime()));
            return stillValid(user) ? Optional.of(user) : Optional.empty();
        } catch (ParseException | RuntimeException invalid) {
            return Optional.empty();
        }
    }

    private static boolean mustEnrol(JsonWebToken token) {
        Object claim = token.getClaim(MfaEnrollmentFilter.CLAIM);
        return claim != null && "true".equals(claim.toString());
    }

    /** Not expired and not revoked (logout, password change, deactivation) since it was verified. */
    public boolean stillValid(SocketUser user) {
        return clock.instant().isBefore(user.expiresAt()) && !isRevoked(user);
    }

    /** Revoked (logout, password change, deactivation) since it was verified; expiry aside. */
    public boolean isRevoked(SocketUser user) {
        return revocations.state().isRevoked(user.userId(), user.jti(), user.issuedAt());
    }
}
