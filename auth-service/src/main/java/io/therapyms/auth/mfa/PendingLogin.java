package io.therapyms.auth.mfa;

/** A login that passed the password step and waits for its second factor. */
public record PendingLogin(String tokenHash, String userId, String email) {
}
