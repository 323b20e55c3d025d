package io.therapyms.auth.accounts;

import java.util.Locale;

/** Emails are compared case-insensitively: every lookup and key uses this form. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
