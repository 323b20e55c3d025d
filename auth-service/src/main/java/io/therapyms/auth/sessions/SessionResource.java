package io.therapyms.auth.sessions;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.security.CurrentCaller;

/** Login, refresh and logout. bcrypt makes these blocking: they run on worker threads. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Auth")
public class SessionResource {

    public record LoginRequest(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 1024) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    @Inject
    SessionService sessions;

    @Inject
    CurrentCaller caller;

    @Inject
    JsonWebToken token;

    @POST
    @Path("/login")
    @SecurityRequirements
    @Operation(summary = "Log in with email and password")
    @APIResponse(responseCode = "200", description = "Access and refresh tokens")
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "401", description = "Invalid email or password (the same answer for both)")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this email; see Retry-After")
    public TokenResponse login(@NotNull @Valid LoginRequest request) {
        return sessions.login(request.email(), request.password());
    }

    @POST
    @Path("/auth/refresh")
    @SecurityRequirements
    @Operation(summary = "Exchange a refresh token for a new token pair (the old refresh token is spent)")
    @APIResponse(responseCode = "200", description = "A new access and refresh token")
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or already used refresh token; "
            + "a reused token also revokes its whole session")
    public TokenResponse refresh(@NotNull @Valid RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @POST
    @Path("/auth/logout")
    @Authenticated
    @Operation(summary = "End this session: its refresh tokens and the presented access token stop working")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public void logout(@NotNull @Valid RefreshRequest request) {
        String userId = caller.get().userId();
        Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        sessions.logout(userId, request.refreshToken(), token.getTokenID(), expiresAt,
                token.getClaim(AccessTokens.SESSION_CLAIM));
    }
}
