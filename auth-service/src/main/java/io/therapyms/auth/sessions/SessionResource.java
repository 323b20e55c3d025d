package io.therapyms.auth.sessions;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.auth.mfa.MfaResource;
import io.therapyms.auth.mfa.PasskeyService;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.CurrentCaller;

/**
 * Login, refresh and logout. bcrypt makes these blocking: they run on worker threads. With
 * {@code X-Token-Transport: cookie} the refresh token travels in the {@code tms_refresh} cookie
 * instead of the body (see {@link TokenTransport}).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Auth")
public class SessionResource {

    public record LoginRequest(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 1024) String password) {
    }

    public record SecondFactorRequest(@NotNull @Size(max = 200) String mfaToken, @Size(max = 20) String code,
            @Size(max = 64) String recoveryCode) {
    }

    /** {@code credential}: the PublicKeyCredential of navigator.credentials.get(), as JSON (binary values base64url). */
    public record PasskeyLoginRequest(@NotNull com.fasterxml.jackson.databind.JsonNode credential) {
    }

    /** The token is required with the body transport and optional with the cookie one. */
    public record RefreshRequest(@Size(max = 200) String refreshToken) {
    }

    private static final String TRANSPORT_DESCRIPTION = "`cookie` (browsers): the refresh token is not in the "
            + "response body but set as the cookie `tms_refresh` (HttpOnly; SameSite=Strict; Path=/api/auth; "
            + "Secure except on http://localhost and http://127.0.0.1; Max-Age = the token's remaining absolute "
            + "life), and refresh and logout read it from that cookie when the body has none. Left out: the body "
            + "carries the token. Any other value is a 400.";
    private static final String COOKIE_DESCRIPTION = "The refresh token of the cookie transport; accepted only "
            + "together with `X-Token-Transport: cookie` (a request with the cookie and without the header is a 403)";

    @Inject
    SessionService sessions;

    @Inject
    CurrentCaller caller;

    @Inject
    PasskeyService passkeys;

    @Inject
    JsonWebToken token;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    @Path("/login")
    @SecurityRequirements
    @Parameter(name = TokenTransport.HEADER, in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, enumeration = "cookie"))
    @Operation(summary = "Log in with email and password")
    @APIResponse(responseCode = "200", description = "Access and refresh tokens (with X-Token-Transport: cookie the "
            + "refresh token is in the tms_refresh cookie instead of the body); or, when the account has a second "
            + "factor, `{mfaRequired: true, mfaToken}` for POST /api/login/mfa (5 minutes, single-use)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = { TokenResponse.class,
                    MfaChallenge.class })),
            headers = @Header(name = "Set-Cookie", description = "tms_refresh, with X-Token-Transport: cookie only",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed request, or an unknown X-Token-Transport")
    @APIResponse(responseCode = "401", description = "Invalid email or password (the same answer for both)")
    @APIResponse(responseCode = "403", description = "`passkey-login-required`: the right password of an account whose "
            + "role must have a second factor and whose only one is a passkey; sign in with the passkey")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this email; see Retry-After")
    public RestResponse<Object> login(@NotNull @Valid LoginRequest request) {
        TokenTransport transport = TokenTransport.requested(transportHeader());
        SessionService.LoginOutcome outcome = sessions.login(request.email(), request.password());
        if (outcome.mfaToken() != null) {
            return RestResponse.ok(new MfaChallenge(true, outcome.mfaToken()));
        }
        @SuppressWarnings("unchecked") // a token pair or the challenge: both are JSON bodies of a 200
        RestResponse<Object> pair = (RestResponse<Object>) (RestResponse<?>) tokens(outcome.tokens(), transport);
        return pair;
    }

    @POST
    @Path("/login/mfa")
    @SecurityRequirements
    @Parameter(name = TokenTransport.HEADER, in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, enumeration = "cookie"))
    @Operation(summary = "Second step of a login: the mfaToken and a TOTP code or a recovery code")
    @APIResponse(responseCode = "200", description = "Access and refresh tokens, as POST /api/login",
            headers = @Header(name = "Set-Cookie", description = "tms_refresh, with X-Token-Transport: cookie only",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed request, not exactly one of code and recoveryCode, "
            + "or an unknown X-Token-Transport")
    @APIResponse(responseCode = "401", description = "Unknown, expired or used mfaToken; wrong code; a code already "
            + "used (same time step) or a used recovery code")
    @APIResponse(responseCode = "429", description = "Too many wrong codes for this user; see Retry-After")
    public RestResponse<TokenResponse> loginSecondFactor(@NotNull @Valid SecondFactorRequest request) {
        TokenTransport transport = TokenTransport.requested(transportHeader());
        MfaResource.requireOneOf(request.code(), request.recoveryCode());
        return tokens(sessions.loginSecondFactor(request.mfaToken(), request.code(), request.recoveryCode()), transport);
    }

    @POST
    @Path("/login/passkey-options")
    @SecurityRequirements
    @Consumes(MediaType.WILDCARD) // any body ({email} or none) is ignored: see below
    @Operation(summary = "Options for navigator.credentials.get(): a login challenge (single-use, 5 minutes) for a "
            + "discoverable passkey; the browser offers the user their passkeys for this site")
    @APIResponse(responseCode = "200", description = "`{challenge, rpId, timeout, userVerification, allowCredentials: []}`")
    @RequestBody(required = false, description = "`{email}` may be sent but is not read: the options are the same for "
            + "everyone (no allowCredentials), so they never tell whether an account exists or has passkeys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public PasskeyService.RequestOptions passkeyOptions() {
        return passkeys.loginOptions();
    }

    @POST
    @Path("/login/passkey")
    @SecurityRequirements
    @Parameter(name = TokenTransport.HEADER, in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, enumeration = "cookie"))
    @Operation(summary = "Log in with a passkey: the assertion of navigator.credentials.get(); with user verification "
            + "it stands for the password and the second factor")
    @APIResponse(responseCode = "200", description = "Access and refresh tokens, as POST /api/login",
            headers = @Header(name = "Set-Cookie", description = "tms_refresh, with X-Token-Transport: cookie only",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed request, or an unknown X-Token-Transport")
    @APIResponse(responseCode = "401", description = "Not accepted: unknown, removed or flagged passkey; a used, expired "
            + "or unknown challenge; wrong origin or relying party; bad signature; no user verification; a signature "
            + "counter that did not grow (which also flags the passkey); a deactivated account")
    public RestResponse<TokenResponse> loginPasskey(@NotNull @Valid PasskeyLoginRequest request) {
        TokenTransport transport = TokenTransport.requested(transportHeader());
        return tokens(sessions.loginPasskey(request.credential().toString()), transport);
    }

    @POST
    @Path("/auth/refresh")
    @SecurityRequirements
    @ClearsRefreshCookieOnFailure
    @Parameter(name = TokenTransport.HEADER, in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, enumeration = "cookie"))
    @Operation(summary = "Exchange a refresh token for a new token pair (the old refresh token is spent)")
    @RequestBody(required = false, description = "`{refreshToken}`; may be left out with X-Token-Transport: cookie, "
            + "which then reads the tms_refresh cookie")
    @APIResponse(responseCode = "200", description = "A new access and refresh token; with X-Token-Transport: cookie "
            + "the new refresh token replaces the tms_refresh cookie",
            headers = @Header(name = "Set-Cookie", description = "tms_refresh, with X-Token-Transport: cookie only",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No refresh token in the body (body transport), or an unknown "
            + "X-Token-Transport")
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or already used refresh token; "
            + "a reused token also revokes its whole session. With X-Token-Transport: cookie the tms_refresh cookie "
            + "is cleared")
    @APIResponse(responseCode = "403", description = "The tms_refresh cookie without X-Token-Transport: cookie; "
            + "nothing is spent")
    public RestResponse<TokenResponse> refresh(@Valid RefreshRequest request,
            @Parameter(in = ParameterIn.COOKIE, description = COOKIE_DESCRIPTION)
            @CookieParam(RefreshCookie.NAME) String cookie) {
        TokenTransport transport = TokenTransport.forCookieReader(transportHeader(), cookie);
        return tokens(sessions.refresh(refreshToken(request, transport, cookie)), transport);
    }

    @POST
    @Path("/auth/logout")
    @Authenticated
    @Parameter(name = TokenTransport.HEADER, in = ParameterIn.HEADER, description = TRANSPORT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, enumeration = "cookie"))
    @Operation(summary = "End this session: its refresh tokens and the presented access token stop working")
    @RequestBody(required = false, description = "`{refreshToken}`; may be left out with X-Token-Transport: cookie, "
            + "which then reads the tms_refresh cookie")
    @APIResponse(responseCode = "204", description = "Logged out; with X-Token-Transport: cookie the tms_refresh "
            + "cookie is cleared",
            headers = @Header(name = "Set-Cookie", description = "tms_refresh with Max-Age=0, with X-Token-Transport: "
                    + "cookie only", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No refresh token in the body (body transport), or an unknown "
            + "X-Token-Transport")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The tms_refresh cookie without X-Token-Transport: cookie; "
            + "nothing is revoked")
    public RestResponse<Void> logout(@Valid RefreshRequest request,
            @Parameter(in = ParameterIn.COOKIE, description = COOKIE_DESCRIPTION)
            @CookieParam(RefreshCookie.NAME) String cookie) {
        TokenTransport transport = TokenTransport.forCookieReader(transportHeader(), cookie);
        String refreshToken = refreshToken(request, transport, cookie);
        String userId = caller.get().userId();
        Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        sessions.logout(userId, refreshToken, token.getTokenID(), expiresAt,
                token.getClaim(AccessTokens.SESSION_CLAIM));
        RestResponse.ResponseBuilder<Void> response = RestResponse.ResponseBuilder.noContent();
        if (transport == TokenTransport.COOKIE) {
            response.header(HttpHeaders.SET_COOKIE, RefreshCookie.clear(secureCookie()));
        }
        return response.build();
    }

    /** The body's token; with the cookie transport the cookie's when the body has none (null when neither). */
    private static String refreshToken(RefreshRequest request, TokenTransport transport, String cookie) {
        String fromBody = request == null || request.refreshToken() == null || request.refreshToken().isBlank()
                ? null : request.refreshToken();
        if (transport == TokenTransport.BODY) {
            if (fromBody == null) {
                throw BadRequestException.field("refreshToken", "must not be blank");
            }
            return fromBody;
        }
        return fromBody != null ? fromBody : cookie;
    }

    private RestResponse<TokenResponse> tokens(SessionService.IssuedTokens issued, TokenTransport transport) {
        if (transport == TokenTransport.BODY) {
            return RestResponse.ok(issued.body());
        }
        return RestResponse.ResponseBuilder.ok(issued.body().withoutRefreshToken())
                .header(HttpHeaders.SET_COOKIE, RefreshCookie.set(issued.body().refreshToken(),
                        issued.refreshTokenRemaining(), secureCookie()))
                .build();
    }

    private List<String> transportHeader() {
        return headers.getRequestHeader(TokenTransport.HEADER);
    }

    private boolean secureCookie() {
        return RefreshCookie.secure(headers.getRequestHeaders(), uri.getRequestUri().getScheme());
    }
}
