package io.therapyms.auth.keys;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that verify access tokens; services and outside parties fetch them from here. */
@Path("/.well-known/jwks.json")
@Tag(name = "Auth")
public class JwksResource {

    public record Jwks(List<Map<String, String>> keys) {
    }

    @Inject
    SigningKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "Public keys (JWKS) that verify access tokens")
    public Jwks jwks() {
        return new Jwks(List.of(keys.publicJwk()));
    }
}
