package io.therapyms.auth.sessions;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.smallrye.jwt.build.Jwt;
import io.therapyms.auth.accounts.Account;
import io.therapyms.auth.config.AuthConfig;
import io.therapyms.auth.keys.SigningKeys;
import io.therapyms.platform.security.MfaEnrollmentFilter;

/** Signs short-lived access tokens (RS256) with the claims every service verifies. */
@Singleton
class AccessTokens {

    /** The session (refresh-token family) an access token belongs to. */
    static final String SESSION_CLAIM = "sid";

    record Issued(String token, String jti, Instant expiresAt) {
    }

    @Inject
    SigningKeys keys;

    @Inject
    AuthConfig config;

    /**
     * Set (true) on the tokens of a user whose role must have a second factor and who has none yet:
     * every service then refuses all but the enrolment calls (platform's MfaEnrollmentFilter).
     */
    static final String MFA_ENROLLMENT_CLAIM = MfaEnrollmentFilter.CLAIM;

    Issued issue(Account account, String sessionId, Instant now, boolean mfaEnrollmentRequired) {
        String jti = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(config.accessTokenLifetime());
        var claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(account.userId())
                .upn(account.email())
                .groups(Set.of(account.role().claimName()))
                .claim("jti", jti)
                .claim(SESSION_CLAIM, sessionId)
                .issuedAt(now)
                .expiresAt(expiresAt);
        if (mfaEnrollmentRequired) {
            claims.claim(MFA_ENROLLMENT_CLAIM, true);
        }
        String token = claims
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
        return new Issued(token, jti, expiresAt);
    }

    long lifetimeSeconds() {
        return config.accessTokenLifetime().toSeconds();
    }
}
