package io.therapyms.systemtests.support;

/** A signed-up, logged-in person: their id (also their clientId or therapistId), role and access token. */
public record User(String id, String role, Credentials credentials, String accessToken) {

    public User withAccessToken(String token) {
        return new User(id, role, credentials, token);
    }
}
