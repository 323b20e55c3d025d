package io.therapyms.journal.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

/** Journal access requests: a linked therapist asks, the client approves, rejects or revokes. */
@Path("/api/journal-access-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Journal access")
public class AccessRequestResource {

    public record NewAccessRequest(@NotNull @Size(max = 100) String clientId, @Size(max = 1000) String reason,
            String expiresAt) {
    }

    public record Decision(@NotNull String status) {
    }

    @Inject
    AccessRequestService requests;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed({ Role.CLIENT_NAME, Role.THERAPIST_NAME, Role.ADMIN_NAME })
    @Operation(summary = "A linked therapist asks to read a client's journal")
    @APIResponse(responseCode = "201", description = "The pending request")
    @APIResponse(responseCode = "400", description = "Missing clientId, expiresAt not in the future, unknown field")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The caller is not a therapist")
    @APIResponse(responseCode = "404", description = "The therapist is not linked to that client")
    @APIResponse(responseCode = "409", description = "A request is already pending or active for the pair")
    public Response request(@NotNull @Valid NewAccessRequest body) {
        AccessRequest created = requests.request(caller.get(), body.clientId(), body.reason(), body.expiresAt());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Requests addressed to the client, made by the therapist, or all (admin), newest first")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = "Unknown status, bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Page<AccessRequest> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return requests.list(caller.get(), status, PageRequest.of(limit, cursor));
    }

    @PUT
    @Path("/{journalAccessRequestId}")
    @Authenticated
    @Operation(summary = "Client: approved/rejected while pending, revoked once approved; therapist: cancelled while pending")
    @APIResponse(responseCode = "200", description = "The request with its new status; takes effect on the next request")
    @APIResponse(responseCode = "400", description = "Invalid status")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The other party's decision, or an admin")
    @APIResponse(responseCode = "404", description = "No such request, or the caller is not a party")
    @APIResponse(responseCode = "409", description = "The request is not in a state allowing this decision")
    public AccessRequest decide(@PathParam("journalAccessRequestId") String id, @NotNull @Valid Decision body) {
        return requests.decide(caller.get(), id, body.status());
    }
}
