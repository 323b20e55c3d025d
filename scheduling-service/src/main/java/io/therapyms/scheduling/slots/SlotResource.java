package io.therapyms.scheduling.slots;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** A therapist's bookable slots. */
@Path("/api/session-slots/{therapistId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Authenticated
@Tag(name = "Slots")
public class SlotResource {

    public record NewSlots(List<SlotService.TimeRange> slots) {
    }

    @Inject
    SlotService service;

    @Inject
    CurrentCaller caller;

    @POST
    @Operation(summary = "Publish 1–100 slots (the therapist only)")
    @APIResponse(responseCode = "201", description = "The created slots")
    @APIResponse(responseCode = "400", description = "Length outside 15 min–4 h, start not in the future, bad batch")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Another therapist or an admin")
    @APIResponse(responseCode = "404", description = "A client")
    @APIResponse(responseCode = "409", description = "Overlap with another slot or within the batch (named), or "
            + "other slots of the therapist being saved at the same moment (retry)")
    public Response create(@PathParam("therapistId") String therapistId, @NotNull NewSlots body) {
        return Response.status(Response.Status.CREATED)
                .entity(Map.of("items", service.create(caller.get(), therapistId, body.slots()))).build();
    }

    @GET
    @Operation(summary = "Slots by start time in [from, to) (≤ 92 days, from defaults to now); clients see open "
            + "slots only; ?limit=&cursor=")
    @APIResponse(responseCode = "200", description = "A page of slots")
    @APIResponse(responseCode = "400", description = "Bad window or status, bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "Not the therapist, an admin or a linked client")
    public Page<Slot> list(@PathParam("therapistId") String therapistId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return service.list(caller.get(), therapistId, from, to, status, PageRequest.of(limit, cursor));
    }

    @DELETE
    @Path("/{slotId}")
    @Operation(summary = "Withdraw an open slot (the therapist only)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "An admin")
    @APIResponse(responseCode = "404", description = "No such slot of the caller")
    @APIResponse(responseCode = "409", description = "The slot is booked")
    public Response delete(@PathParam("therapistId") String therapistId, @PathParam("slotId") String slotId) {
        service.delete(caller.get(), therapistId, slotId);
        return Response.noContent().build();
    }
}
