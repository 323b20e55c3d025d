package io.therapyms.auth.mfa;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.auth.accounts.AccountService;
import io.therapyms.platform.security.CurrentCaller;

/** The caller's passkeys: register (options, then the new credential), list, remove. */
@Path("/api/auth/passkeys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
@Tag(name = "Second factors")
public class PasskeyResource {

    /** {@code credential}: the PublicKeyCredential of navigator.credentials.create(), as JSON (binary values base64url). */
    public record Registration(@NotBlank @Size(max = 100) String name, @NotNull JsonNode credential) {
    }

    public record Created(String passkeyId, String name, java.time.Instant createdAt) {
    }

    public record Listing(List<PasskeyService.View> items, String nextCursor) {
    }

    @Inject
    PasskeyService passkeys;

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/registration-options")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Options for navigator.credentials.create(): a registration challenge (single-use, 5 minutes), "
            + "a discoverable credential with user verification, no attestation")
    @APIResponse(responseCode = "200", description = "`{challenge, rp, user, pubKeyCredParams, timeout, attestation, "
            + "authenticatorSelection, excludeCredentials}` (binary values base64url)")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public PasskeyService.CreationOptions registrationOptions() {
        return passkeys.registrationOptions(accounts.get(caller.get().userId()));
    }

    @POST
    @Operation(summary = "Register a passkey: its name and the credential the browser created for the options")
    @APIResponse(responseCode = "201", description = "`{passkeyId, name, createdAt}`")
    @APIResponse(responseCode = "400", description = "Malformed, not for an open registration challenge of the caller "
            + "(used, expired, someone else's), or not accepted (origin, relying party, user verification, signature)")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "409", description = "The credential is registered already, or the caller has 20 passkeys")
    public RestResponse<Created> register(@NotNull @Valid Registration request) {
        PasskeyService.View view = passkeys.register(accounts.get(caller.get().userId()), request.name(),
                request.credential().toString());
        return RestResponse.status(RestResponse.Status.CREATED, new Created(view.passkeyId(), view.name(), view.createdAt()));
    }

    @GET
    @Operation(summary = "The caller's passkeys, oldest first (one page)")
    @APIResponse(responseCode = "200", description = "`{items: [{passkeyId, name, createdAt, lastUsedAt, flagged}], "
            + "nextCursor: null}`; `flagged`: its signature counter went backwards, it no longer logs in")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Listing list() {
        return new Listing(passkeys.list(caller.get().userId()), null);
    }

    @DELETE
    @Path("/{passkeyId}")
    @Operation(summary = "Remove one of the caller's passkeys")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "No such passkey of the caller")
    public void delete(@PathParam("passkeyId") @Size(max = 64) String passkeyId) {
        passkeys.delete(caller.get().userId(), passkeyId);
    }
}
