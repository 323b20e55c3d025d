package io.therapyms.auth.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.auth.passwords.PasswordHasher;
import io.therapyms.auth.passwords.PasswordPolicy;
import io.therapyms.auth.sessions.SessionService;
import io.therapyms.events.EmailAddresses;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.security.Role;

/** Sign-up, password change and deactivation: the rules; storage is in {@link AccountRepository}. */
@Singleton
public class AccountService {

    @Inject
    AccountRepository accounts;

    @Inject
    PasswordPolicy policy;

    @Inject
    PasswordHasher hasher;

    @Inject
    SessionService sessions;

    @Inject
    Clock clock;

    public Account register(String email, String password, Role role, String name) {
        String normalized = Emails.normalize(email);
        if (!EmailAddresses.isWellFormed(normalized)) {
            // The rule UserRegistered's schema applies; @Email alone lets through addresses the event cannot carry.
            throw BadRequestException.field("email", "must be a well-formed email address");
        }
        policy.check("password", password, normalized);
        Instant now = clock.instant();
        Account account = new Account(UUID.randomUUID().toString(), normalized, name.strip(), role,
                hasher.hash(password), true, now, now, 1);
        if (!accounts.create(account)) {
            throw new EmailTakenException();
        }
        return account;
    }

    public Account get(String userId) {
        return accounts.findById(userId).orElseThrow(() -> new NotFoundException("No such user."));
    }

    /**
     * Changes the password and ends every other session of the user. The access tokens of all
     * sessions issued before now are revoked (SessionsRevoked); the caller's own session goes on
     * through its refresh token.
     */
    public void changePassword(String userId, String currentSessionId, String currentPassword, String newPassword) {
        Account account = get(userId);
        if (!hasher.matches(currentPassword, account.passwordHash())) {
            throw new WrongPasswordException();
        }
        policy.check("newPassword", newPassword, account.email());
        String newHash = hasher.hash(newPassword);
        if (!accounts.changePassword(account, newHash, clock.instant())) {
            throw new ConflictException("The account changed meanwhile; try again.");
        }
        sessions.revokeOtherSessions(userId, currentSessionId);
    }

    /** Idempotent: deactivating an inactive account changes nothing and publishes nothing. */
    public void deactivate(String userId) {
        Account account = get(userId);
        accounts.deactivate(account);
    }

    /** For profile deletions: the account may already be gone or inactive. */
    public void deactivateIfPresent(String userId) {
        Optional<Account> account = accounts.findById(userId);
        account.filter(Account::active).ifPresent(accounts::deactivate);
    }
}
