package io.therapyms.auth.sessions;

/** The body of a successful login or refresh. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn,
        String userId, String role) {
}
