package io.therapyms.systemtests.support;

/** An account's login. */
public record Credentials(String email, String password) {
}
