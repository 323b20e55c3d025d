package io.therapyms.auth.export;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.auth.accounts.Account;
import io.therapyms.auth.accounts.AccountRepository;
import io.therapyms.auth.mfa.MfaService;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.export.ExportParts;
import io.therapyms.platform.security.CurrentCaller;

/**
 * auth-service's part of a client's export: the account as the client would describe it. Never the password
 * hash, the TOTP secret, recovery codes or refresh tokens: only whether a second factor is on.
 */
@Path(ExportParts.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AccountExportResource {

    public record SecondFactors(boolean totp, int passkeys) {
    }

    public record AccountPart(String userId, String email, String name, String role, boolean active,
            Instant createdAt, Instant passwordChangedAt, SecondFactors mfa) {
    }

    @Inject
    AccountRepository accounts;

    @Inject
    MfaService mfa;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(hidden = true)
    public AccountPart export(@PathParam("clientId") String clientId) {
        ExportParts.requireClientOrAdmin(caller.get(), clientId);
        Account account = accounts.findById(clientId).orElseThrow(() -> new NotFoundException("No such account."));
        MfaService.Status status = mfa.status(account);
        return new AccountPart(account.userId(), account.email(), account.name(), account.role().claimName(),
                account.active(), account.createdAt(), account.passwordChangedAt(),
                new SecondFactors(status.totp(), status.passkeys()));
    }
}
