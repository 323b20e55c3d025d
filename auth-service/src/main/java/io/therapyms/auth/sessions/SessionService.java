package io.therapyms.auth.sessions;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.therapyms.auth.accounts.Account;
import io.therapyms.auth.accounts.AccountRepository;
import io.therapyms.auth.accounts.Emails;
import io.therapyms.auth.config.AuthConfig;
import io.therapyms.auth.config.SecretDigests;
import io.therapyms.auth.mfa.MfaService;
import io.therapyms.auth.mfa.PasskeyService;
import io.therapyms.auth.mfa.PendingLogin;
import io.therapyms.auth.passwords.PasswordHasher;

/**
 * Login, refresh-token rotation and logout. A session is a family of refresh tokens: each refresh
 * spends the presented token and issues the next one; presenting a spent token again means it was
 * stolen or replayed, so the whole family is revoked.
 */
@Singleton
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AccountRepository accounts;

    @Inject
    SessionRepository sessions;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordHasher hasher;

    @Inject
    AccessTokens accessTokens;

    @Inject
    AuthConfig config;

    @Inject
    MfaService mfa;

    @Inject
    PasskeyService passkeys;

    @Inject
    Clock clock;

    /** A login's or refresh's tokens, and how long the refresh token has left (its cookie's Max-Age). */
    record IssuedTokens(TokenResponse body, Duration refreshTokenRemaining) {
    }

    /** A password login's outcome: tokens, or (MFA on) the mfaToken of the second step. */
    record LoginOutcome(IssuedTokens tokens, String mfaToken) {
    }

    LoginOutcome login(String email, String password) {
        String normalized = Emails.normalize(email);
        throttle.requireNotLocked(normalized);
        Optional<Account> account = accounts.findByEmail(normalized);
        boolean valid = account.isPresent()
                ? hasher.matches(password, account.get().passwordHash())
                : hasher.matchesNothing(password);
        if (!valid || !account.get().active()) {
            throttle.recordFailure(normalized);
            throw new InvalidCredentialsException();
        }
        if (mfa.totpEnabled(account.get().userId())) {
            return new LoginOutcome(null, mfa.startLogin(account.get()));
        }
        // A password alone is one factor: a role that must have two, with only passkeys, signs in with one.
        if (mfa.requiredRoles().contains(account.get().role().claimName()) && passkeys.count(account.get().userId()) > 0) {
            throw new PasskeyLoginRequiredException();
        }
        return new LoginOutcome(startSession(account.get()), null);
    }

    /**
     * The second step: the mfaToken of a right password plus a TOTP code or a recovery code. The
     * code is used up first (its conditional write decides between racing uses of one code), then the
     * token is spent (its conditional write decides between racing uses of one token), so exactly one
     * of concurrent attempts gets tokens. A wrong code leaves the token usable until it expires; wrong
     * codes are throttled per user.
     */
    IssuedTokens loginSecondFactor(String mfaToken, String code, String recoveryCode) {
        PendingLogin pending = mfa.pendingLogin(mfaToken).orElseThrow(InvalidSecondFactorException::new);
        if (!mfa.verify(pending.userId(), code, recoveryCode) || !mfa.finishLogin(pending)) {
            throw new InvalidSecondFactorException();
        }
        Account account = accounts.findByEmail(pending.email()).filter(Account::active)
                .orElseThrow(InvalidSecondFactorException::new);
        return startSession(account);
    }

    /**
     * A login with a passkey (discoverable: the credential names its user). It needs user verification,
     * so it stands for the password and a second factor at once, whatever else the account has set up.
     */
    IssuedTokens loginPasskey(String credentialJson) {
        String userId;
        try {
            userId = passkeys.login(credentialJson);
        } catch (PasskeyService.PasskeyRefusedException refused) {
            throw new InvalidPasskeyException();
        }
        Account account = accounts.findById(userId).filter(Account::active).orElseThrow(InvalidPasskeyException::new);
        return startSession(account);
    }

    private IssuedTokens startSession(Account account) {
        Instant now = clock.instant();
        String sessionId = UUID.randomUUID().toString();
        AccessTokens.Issued access = accessTokens.issue(account, sessionId, now, mfa.enrolmentRequired(account));
        sessions.create(new Session(sessionId, account.userId(), account.email(),
                now.plus(config.refreshTokenLifetime()), false, access.jti(), access.expiresAt()));
        String refreshToken = newRefreshToken(sessionId, account.userId(), now.plus(config.refreshTokenLifetime()));
        return new IssuedTokens(response(account, access, refreshToken), config.refreshTokenLifetime());
    }

    IssuedTokens refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw new InvalidRefreshTokenException();
        }
        String hash = SecretDigests.sha256Hex(refreshToken);
        RefreshToken presented = sessions.findRefreshToken(hash).orElseThrow(InvalidRefreshTokenException::new);
        Session session = sessions.findSession(presented.sessionId()).orElseThrow(InvalidRefreshTokenException::new);
        Instant now = clock.instant();
        if (session.revoked() || !now.isBefore(presented.expiresAt())) {
            throw new InvalidRefreshTokenException();
        }
        if (!sessions.spend(hash)) {
            LOG.warnf("Refresh token reuse in session %s; revoking the session", session.sessionId());
            sessions.revokeFamily(session);
            throw new InvalidRefreshTokenException();
        }
        Account account = accounts.findByEmail(session.accountEmail())
                .filter(Account::active)
                .orElseThrow(InvalidRefreshTokenException::new);
        AccessTokens.Issued access = accessTokens.issue(account, session.sessionId(), now, mfa.enrolmentRequired(account));
        // The family's absolute expiry carries over: rotation never extends a session.
        String next = newRefreshToken(session.sessionId(), account.userId(), presented.expiresAt());
        if (!sessions.recordAccessToken(session.sessionId(), access.jti(), access.expiresAt())) {
            // A racing loser revoked the family after our spend, naming the access token it saw then,
            // not ours. This call still won the spend, so it answers 200 (exactly one winner), but
            // its new access token is revoked as well; its new refresh token dies with the session.
            sessions.revokeAccessTokenOfRevokedSession(session, access.jti(), access.expiresAt());
        }
        return new IssuedTokens(response(account, access, next), Duration.between(now, presented.expiresAt()));
    }

    /**
     * Ends the session of the refresh token if it is the caller's (else, or without one, the
     * session of the access token), and always the presented access token.
     */
    void logout(String userId, String refreshToken, String accessJti, Instant accessExpiresAt, String accessSessionId) {
        Optional<Session> session = Optional.ofNullable(refreshToken)
                .flatMap(token -> sessions.findRefreshToken(SecretDigests.sha256Hex(token)))
                .flatMap(token -> sessions.findSession(token.sessionId()))
                .filter(s -> s.userId().equals(userId));
        if (session.isEmpty() && accessSessionId != null) {
            session = sessions.findSession(accessSessionId).filter(s -> s.userId().equals(userId));
        }
        session.ifPresent(s -> sessions.revoke(s, accessJti, accessExpiresAt));
    }

    /** Revokes every session of the user except the one named (the caller's own), after a password change. */
    public void revokeOtherSessions(String userId, String keepSessionId) {
        for (String sessionId : sessions.activeSessionIds(userId)) {
            if (!sessionId.equals(keepSessionId)) {
                sessions.findSession(sessionId).ifPresent(sessions::revokeFamily);
            }
        }
    }

    private String newRefreshToken(String sessionId, String userId, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.createRefreshToken(new RefreshToken(SecretDigests.sha256Hex(token), sessionId, userId, false, expiresAt));
        return token;
    }

    private TokenResponse response(Account account, AccessTokens.Issued access, String refreshToken) {
        return new TokenResponse(access.token(), refreshToken, "Bearer", accessTokens.lifetimeSeconds(),
                account.userId(), account.role().claimName());
    }
}
