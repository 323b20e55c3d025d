package io.therapyms.auth.sessions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of a successful login or refresh. */
public record TokenResponse(
        String accessToken,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Absent with X-Token-Transport: cookie; the token is then in the tms_refresh cookie")
        String refreshToken,
        String tokenType, long expiresIn, String userId, String role) {

    /** The body for the cookie transport: the refresh token travels only in the HttpOnly cookie. */
    TokenResponse withoutRefreshToken() {
        return new TokenResponse(accessToken, null, tokenType, expiresIn, userId, role);
    }
}
