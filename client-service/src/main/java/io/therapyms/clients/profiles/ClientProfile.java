package io.therapyms.clients.profiles;

import java.time.Instant;

/** A client's profile as the API shows it; {@code clientId} is the client's user id. */
public record ClientProfile(String clientId, String email, String name, String phone, String dateOfBirth,
        String timezone, String pronouns, Instant createdAt, Instant updatedAt) {
}
