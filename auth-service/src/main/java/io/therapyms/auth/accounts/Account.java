package io.therapyms.auth.accounts;

import java.time.Instant;

import io.therapyms.platform.security.Role;

/** A user's identity. The email (lower-cased) is the key, so one email can never have two accounts. */
public record Account(String userId, String email, String name, Role role, String passwordHash,
        boolean active, Instant createdAt, Instant passwordChangedAt, long version) {
}
