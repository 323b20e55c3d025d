package io.therapyms.platform.security;

/**
 * Who is calling: the authenticated user's id (also their clientId / therapistId) and role.
 * Policies decide from this and the service's own data; nothing else about the token is trusted.
 */
public record Caller(String userId, Role role, String email) {

    public boolean is(Role expected) {
        return role == expected;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isUser(String id) {
        return userId.equals(id);
    }
}
