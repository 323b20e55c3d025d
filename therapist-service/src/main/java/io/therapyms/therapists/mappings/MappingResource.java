package io.therapyms.therapists.mappings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.platform.security.Role;

/** Mapping requests between clients and therapists, and the links they create. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Mappings")
public class MappingResource {

    /** A client sends {@code therapistId}; a therapist sends {@code clientId}. The other field is 400. */
    public record NewMappingRequest(@Size(max = 100) String therapistId, @Size(max = 100) String clientId) {
    }

    public record Decision(@NotNull @Pattern(regexp = "approved|rejected|cancelled",
            message = "must be approved, rejected or cancelled") String status) {
    }

    @Inject
    MappingService mappings;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/mapping-requests")
    @RolesAllowed({ Role.CLIENT_NAME, Role.THERAPIST_NAME })
    @Operation(summary = "Ask to be linked: a client asks a therapist, a therapist invites a client")
    @APIResponse(responseCode = "201", description = "The pending request")
    @APIResponse(responseCode = "400", description = "Missing id, or the id of the caller's own side")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "An admin, or a therapist whose profile is not verified")
    @APIResponse(responseCode = "404", description = "Unknown or unverified therapist, or unknown client")
    @APIResponse(responseCode = "409", description = "A pending request or a link exists for the pair")
    public Response request(@NotNull @Valid NewMappingRequest body) {
        MappingRequest created = mappings.request(caller.get(), body.therapistId(), body.clientId());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("/mapping-requests")
    @Authenticated
    @Operation(summary = "Requests the caller is party to (admin: all), newest first; ?status= filters")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = "Unknown status, bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Page<MappingRequest> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return mappings.list(caller.get(), status, PageRequest.of(limit, cursor));
    }

    @PUT
    @Path("/mapping-requests/{mappingRequestId}")
    @Authenticated
    @Operation(summary = "The recipient approves or rejects; the requester cancels. Approval creates the link")
    @APIResponse(responseCode = "200", description = "The request with its new status")
    @APIResponse(responseCode = "400", description = "Invalid status")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A party making the other party's decision, or an admin")
    @APIResponse(responseCode = "404", description = "No such request, or the caller is not a party")
    @APIResponse(responseCode = "409", description = "The request is not pending any more")
    public MappingRequest decide(@PathParam("mappingRequestId") String mappingRequestId, @NotNull @Valid Decision body) {
        return mappings.decide(caller.get(), mappingRequestId, body.status());
    }

    @DELETE
    @Path("/mappings/{clientId}/{therapistId}")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    @Operation(summary = "End a link (either party or an admin); MappingEnded is published")
    @APIResponse(responseCode = "204", description = "The link ended")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "No link, or the caller is not a party")
    public void end(@PathParam("clientId") String clientId, @PathParam("therapistId") String therapistId) {
        mappings.endLink(caller.get(), clientId, therapistId);
    }
}
