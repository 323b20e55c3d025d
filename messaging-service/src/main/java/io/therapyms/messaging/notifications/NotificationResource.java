package io.therapyms.messaging.notifications;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.CurrentCaller;

/** The caller's own notifications. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Notifications")
public class NotificationResource {

    /** Only {@code read: true} can be set. */
    public record ReadRequest(@NotNull @AssertTrue(message = "can only be set to true") Boolean read) {
    }

    @Inject
    NotificationService notifications;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(summary = "The caller's notifications, newest first; ?unread=true for unread only")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "Bad unread flag, limit or tampered cursor")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Page<Notification> list(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (unread != null && !unread.equals("true") && !unread.equals("false")) {
            throw BadRequestException.field("unread", "must be true or false");
        }
        return notifications.list(caller.get(), "true".equals(unread), PageRequest.of(limit, cursor));
    }

    @PUT
    @Path("/{notificationId}")
    @Authenticated
    @Operation(summary = "Mark one of the caller's notifications read")
    @APIResponse(responseCode = "200", description = "The notification")
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such notification of the caller")
    public Notification markRead(@PathParam("notificationId") String notificationId, @Valid @NotNull ReadRequest request) {
        return notifications.markRead(caller.get(), notificationId);
    }

    @POST
    @Path("/read-all")
    @Authenticated
    @Operation(summary = "Mark all the caller's notifications read")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Response readAll() {
        notifications.markAllRead(caller.get());
        return Response.noContent().build();
    }
}
