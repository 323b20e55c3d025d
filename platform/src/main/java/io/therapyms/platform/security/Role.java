package io.therapyms.platform.security;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of user. The JWT `groups` claim carries exactly one of these names. */
public enum Role {
    CLIENT, THERAPIST, ADMIN;

    public static final String CLIENT_NAME = "client";
    public static final String THERAPIST_NAME = "therapist";
    public static final String ADMIN_NAME = "admin";

    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
