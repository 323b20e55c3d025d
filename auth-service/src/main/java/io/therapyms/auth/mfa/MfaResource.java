package io.therapyms.auth.mfa;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.auth.accounts.Account;
import io.therapyms.auth.accounts.AccountService;
import io.therapyms.auth.accounts.WrongPasswordException;
import io.therapyms.auth.passwords.PasswordHasher;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.CurrentCaller;

/** The caller's authenticator app (TOTP): set up, confirm (recovery codes), remove. */
@Path("/api/auth/mfa/totp")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "Second factors")
public class MfaResource {

    public record Confirm(@NotNull @Size(max = 20) String code) {
    }

    public record RecoveryCodes(List<String> recoveryCodes) {
    }

    public record Removal(@NotNull @Size(max = 1024) String currentPassword, @Size(max = 20) String code,
            @Size(max = 64) String recoveryCode) {
    }

    @Inject
    MfaService mfa;

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/setup")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Start setting up an authenticator app: a new secret, pending until confirmed "
            + "(a new setup replaces a pending one)")
    @APIResponse(responseCode = "200", description = "`{secret, otpauthUri}`: base32 secret and the URI for a QR code")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "409", description = "An authenticator app is already active")
    public MfaService.Setup setup() {
        Account account = accounts.get(caller.get().userId());
        return mfa.setup(account);
    }

    @POST
    @Path("/confirm")
    @Operation(summary = "Confirm the pending setup with a current code; turns MFA on")
    @APIResponse(responseCode = "200", description = "`{recoveryCodes}`: ten one-time codes, shown only now")
    @APIResponse(responseCode = "400", description = "The code does not match the pending secret")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "409", description = "No pending setup (none, or already confirmed)")
    @APIResponse(responseCode = "429", description = "Too many wrong codes; see Retry-After")
    public RecoveryCodes confirm(@NotNull @Valid Confirm request) {
        return new RecoveryCodes(mfa.confirm(caller.get().userId(), request.code()));
    }

    @DELETE
    @Operation(summary = "Remove the authenticator app and its recovery codes; needs the password and a code "
            + "(or a recovery code)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "Not exactly one of code and recoveryCode")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Wrong password or wrong code")
    @APIResponse(responseCode = "404", description = "No authenticator app is set up")
    @APIResponse(responseCode = "429", description = "Too many wrong codes; see Retry-After")
    public void remove(@NotNull @Valid Removal request) {
        requireOneOf(request.code(), request.recoveryCode());
        Account account = accounts.get(caller.get().userId());
        if (!hasher.matches(request.currentPassword(), account.passwordHash())) {
            throw new WrongPasswordException();
        }
        mfa.remove(account.userId(), request.code(), request.recoveryCode());
    }

    /** Exactly one of a TOTP code and a recovery code, else 400. */
    public static void requireOneOf(String code, String recoveryCode) {
        if ((code == null) == (recoveryCode == null)) {
            throw new BadRequestException("Give exactly one of code and recoveryCode.");
        }
    }
}
