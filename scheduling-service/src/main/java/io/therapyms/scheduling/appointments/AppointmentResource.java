package io.therapyms.scheduling.appointments;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
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

/** Appointment requests for slots. */
@Path("/api/appointment-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Authenticated
@Tag(name = "Appointment requests")
public class AppointmentResource {

    public record NewRequest(String slotId, String note) {
    }

    public record Decision(String status) {
    }

    @Inject
    AppointmentService service;

    @Inject
    CurrentCaller caller;

    @POST
    @Operation(summary = "A linked client asks for an open slot")
    @APIResponse(responseCode = "201", description = "The pending request")
    @APIResponse(responseCode = "400", description = "Missing slotId, note over 1,000 characters")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not a client")
    @APIResponse(responseCode = "404", description = "No such slot of a linked therapist")
    @APIResponse(responseCode = "409", description = "Slot booked or past, duplicate pending request, 10 pending")
    public Response create(@NotNull NewRequest body) {
        return Response.status(Response.Status.CREATED)
                .entity(service.request(caller.get(), body.slotId(), body.note())).build();
    }

    @GET
    @Operation(summary = "Client: own requests · therapist: requests for own slots · admin: all; "
            + "?status=&limit=&cursor=")
    @APIResponse(responseCode = "200", description = "A page of requests, newest first")
    @APIResponse(responseCode = "400", description = "Unknown status, bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Page<AppointmentRequest> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(caller.get(), status, PageRequest.of(limit, cursor));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Slot's therapist approves/rejects; requesting client cancels")
    @APIResponse(responseCode = "200", description = "The decided request")
    @APIResponse(responseCode = "400", description = "Unknown status")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A party making the other party's change, or an admin")
    @APIResponse(responseCode = "404", description = "No such request of the caller")
    @APIResponse(responseCode = "409", description = "Not pending any more, or the slot was booked by another")
    public AppointmentRequest decide(@PathParam("id") String id, @NotNull Decision body) {
        return service.decide(caller.get(), id, body.status());
    }
}
