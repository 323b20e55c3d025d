package io.therapyms.clients.profiles;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.clients.links.LinkedTherapist;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.platform.security.Role;

/** Client profiles and the client's view of their linked therapists. */
@Path("/api/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Clients")
public class ClientResource {

    static final String PHONE = "\\+?[0-9][0-9 ().-]{4,30}";
    static final String PHONE_MESSAGE = "must be a phone number: digits, spaces, ( ) . - and an optional leading +";

    /** {@code clientId}, {@code email} and timestamps are not fields here, so sending them is a 400. */
    public record CreateClientRequest(
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone,
            @Past LocalDate dateOfBirth,
            @Size(max = 64) String timezone,
            @Size(max = 50) String pronouns) {

        ProfileChanges fields() {
            return new ProfileChanges(name, phone, dateOfBirth == null ? null : dateOfBirth.toString(), timezone, pronouns);
        }
    }

    /** Any subset of the editable fields; an absent (or null) field stays as it is. */
    public record UpdateClientRequest(
            @Size(max = 200) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String name,
            @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone,
            @Past LocalDate dateOfBirth,
            @Size(max = 64) String timezone,
            @Size(max = 50) String pronouns) {

        ProfileChanges changes() {
            return new ProfileChanges(name, phone, dateOfBirth == null ? null : dateOfBirth.toString(), timezone, pronouns);
        }
    }

    @Inject
    ClientService clients;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Role.CLIENT_NAME)
    @Operation(summary = "Create the caller's own client profile; the email comes from the token")
    @APIResponse(responseCode = "201", description = "Profile created")
    @APIResponse(responseCode = "400", description = "Invalid fields, or fields the caller may not set (clientId, email, createdAt)")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The caller is not a client")
    @APIResponse(responseCode = "409", description = "The caller already has a profile")
    public Response create(@NotNull @Valid CreateClientRequest request) {
        ClientProfile profile = clients.create(caller.get(), request.fields());
        return Response.status(Response.Status.CREATED).entity(profile).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "List client profiles: all for an admin, linked clients for a therapist, themself for a client")
    @APIResponse(responseCode = "200", description = "A page of profiles, ordered by name")
    @APIResponse(responseCode = "400", description = "Invalid limit, q or an altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Page<ClientProfile> list(
            @Parameter(description = "Name prefix, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "Page size, 1-200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "Opaque cursor from the previous page") @QueryParam("cursor") String cursor) {
        return clients.list(caller.get(), q, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{clientId}")
    @Authenticated
    @Operation(summary = "A client's profile: the client, an admin or a linked therapist")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "No such client, or the caller is not related to it")
    public ClientProfile get(@PathParam("clientId") String clientId) {
        return clients.get(caller.get(), clientId);
    }

    @PUT
    @Path("/{clientId}")
    @Authenticated
    @Operation(summary = "Change any subset of the editable fields: the client or an admin")
    @APIResponse(responseCode = "200", description = "The updated profile")
    @APIResponse(responseCode = "400", description = "Invalid fields, or fields nobody may change")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist may read but not change the profile")
    @APIResponse(responseCode = "404", description = "No such client, or the caller is not related to it")
    public ClientProfile update(@PathParam("clientId") String clientId, @NotNull @Valid UpdateClientRequest request) {
        return clients.update(caller.get(), clientId, request.changes());
    }

    @DELETE
    @Path("/{clientId}")
    @Consumes(MediaType.WILDCARD) // no body
    @Authenticated
    @Operation(summary = "Delete the profile and start the erasure of the client everywhere (ClientDeleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist may not delete the client")
    @APIResponse(responseCode = "404", description = "No such client, or the caller is not related to it")
    public void delete(@PathParam("clientId") String clientId) {
        clients.delete(caller.get(), clientId);
    }

    @GET
    @Path("/{clientId}/therapists")
    @Authenticated
    @Operation(summary = "The client's linked therapists (id, name, linkedAt): the client or an admin")
    @APIResponse(responseCode = "200", description = "A page of linked therapists, oldest link first")
    @APIResponse(responseCode = "400", description = "Invalid limit or an altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist may not list the client's therapists")
    @APIResponse(responseCode = "404", description = "No such client, or the caller is not related to it")
    public Page<LinkedTherapist> therapists(@PathParam("clientId") String clientId,
            @Parameter(description = "Page size, 1-200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "Opaque cursor from the previous page") @QueryParam("cursor") String cursor) {
        return clients.therapists(caller.get(), clientId, PageRequest.of(limit, cursor));
    }
}
