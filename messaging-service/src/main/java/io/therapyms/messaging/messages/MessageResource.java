package io.therapyms.messaging.messages;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.CurrentCaller;

/** Messages between a linked client and therapist. */
@Path("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Messages")
public class MessageResource {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** senderId, status and timestamps are not fields here, so sending them is a 400. */
    public record SendRequest(
            @NotNull @Pattern(regexp = UUID, message = "must be a user id") String recipientId,
            @NotBlank @Size(max = 5000) String content) {
    }

    /** Sender: {content}; recipient: {status: "read"}. */
    public record UpdateRequest(
            @Size(max = 5000) @jakarta.validation.constraints.Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String content,
            String status) {
    }

    @Inject
    MessageService messages;

    @Inject
    CurrentCaller caller;

    @POST
    @Authenticated
    @Operation(summary = "Send a message to a linked client or therapist")
    @APIResponse(responseCode = "201", description = "Sent")
    @APIResponse(responseCode = "400", description = "Invalid body or fields the caller may not set")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Sender and recipient are not a linked client and therapist")
    public Response send(@Valid @NotNull SendRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(messages.send(caller.get(), request.recipientId(), request.content())).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "The conversation between the caller and another user, newest first")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "400", description = "Missing 'with', bad limit or tampered cursor")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Page<Message> conversation(@QueryParam("with") String with, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (with == null || !with.matches(UUID)) {
            throw BadRequestException.field("with", "must be the user id of the other party");
        }
        return messages.conversation(caller.get(), with, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{messageId}")
    @Authenticated
    @Operation(summary = "One message (sender or recipient)")
    @APIResponse(responseCode = "200", description = "The message")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No such message, or the caller is not a party of it")
    public Message get(@PathParam("messageId") String messageId) {
        return messages.get(caller.get(), messageId);
    }

    @PUT
    @Path("/{messageId}")
    @Authenticated
    @Operation(summary = "Sender edits the content; recipient marks it read")
    @APIResponse(responseCode = "200", description = "The updated message")
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "A change only the other party may make")
    @APIResponse(responseCode = "404", description = "No such message, or the caller is not a party of it")
    @APIResponse(responseCode = "409", description = "The message was deleted")
    public Message update(@PathParam("messageId") String messageId, @Valid @NotNull UpdateRequest request) {
        return messages.update(caller.get(), messageId, request.content(), request.status());
    }

    @DELETE
    @Path("/{messageId}")
    @Authenticated
    @Operation(summary = "Sender deletes a message; it stays in the conversation as deleted")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Only the sender can delete")
    @APIResponse(responseCode = "404", description = "No such message, or the caller is not a party of it")
    public Response delete(@PathParam("messageId") String messageId) {
        messages.delete(caller.get(), messageId);
        return Response.noContent().build();
    }
}
