package io.therapyms.auth.accounts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.auth.mfa.MfaService;
import io.therapyms.platform.security.Role;
import io.therapyms.platform.security.CurrentCaller;

/** Accounts: sign-up, who am I, password change, and deactivation by an admin. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Auth")
public class AccountResource {

    public record SignupRequest(
            @NotNull @Email @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password,
            @NotNull @Pattern(regexp = "client|therapist", message = "must be client or therapist") String role,
            @NotBlank @Size(max = 200) String name) {
    }

    public record Registered(String userId, String email, String role) {
    }

    public record Me(String userId, String email, String role, String name, MfaService.Status mfa) {
    }

    public record PasswordChange(@NotNull @Size(max = 1024) String currentPassword, @NotNull @Size(max = 1024) String newPassword) {
    }

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    MfaService mfa;

    @Inject
    JsonWebToken token;

    @POST
    @Path("/signup")
    @SecurityRequirements
    @Operation(summary = "Create a client or therapist account")
    @APIResponse(responseCode = "201", description = "Account created")
    @APIResponse(responseCode = "400", description = "Invalid fields, a weak or common password, or role admin")
    @APIResponse(responseCode = "409", description = "An account with this email exists (case-insensitive)")
    public Response signup(@NotNull @Valid SignupRequest request) {
        Account account = accounts.register(request.email(), request.password(),
                Role.fromClaim(request.role()).orElseThrow(), request.name());
        return Response.status(Response.Status.CREATED)
                .entity(new Registered(account.userId(), account.email(), account.role().claimName())).build();
    }

    @GET
    @Path("/auth/me")
    @Authenticated
    @Operation(summary = "The caller's account")
    @APIResponse(responseCode = "200", description = "The account, with `mfa: {totp, passkeys, required}`: whether an "
            + "authenticator app is on, how many passkeys there are, and whether the role must have a second factor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Me me() {
        Account account = accounts.get(caller.get().userId());
        return new Me(account.userId(), account.email(), account.role().claimName(), account.name(), mfa.status(account));
    }

    @POST
    @Path("/auth/password")
    @Authenticated
    @Operation(summary = "Change the password; every other session of the user is revoked")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "The new password is not acceptable")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The current password is wrong")
    public void changePassword(@NotNull @Valid PasswordChange request) {
        accounts.changePassword(caller.get().userId(), token.getClaim("sid"), request.currentPassword(), request.newPassword());
    }

    @POST
    @Path("/admin/users/{userId}/deactivate")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Deactivate a user: their tokens stop working at once and login is refused")
    @APIResponse(responseCode = "204", description = "Deactivated (also when it already was)")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    @APIResponse(responseCode = "404", description = "No such user")
    public void deactivate(@PathParam("userId") String userId) {
        accounts.deactivate(userId);
    }
}
