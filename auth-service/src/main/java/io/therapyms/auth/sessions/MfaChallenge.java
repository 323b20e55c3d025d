package io.therapyms.auth.sessions;

/** The answer to a right password when the account has a second factor: log in with it next. */
public record MfaChallenge(boolean mfaRequired, String mfaToken) {
}
