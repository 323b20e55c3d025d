package io.therapyms.messaging.conversations;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.CurrentCaller;

@Path("/api/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Messages")
public class ConversationResource {

    @Inject
    ConversationRepository conversations;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(summary = "The caller's conversations, most recent first, with unread counts",
            description = "Paged like every list (limit, cursor → {items, nextCursor}). Each item is "
                    + "{withUserId, lastMessageAt, unreadCount, withUserDeleted}; withUserDeleted is true once the "
                    + "other party erased their account (their messages stay).")
    @APIResponse(responseCode = "200", description = "A page of conversations")
    @APIResponse(responseCode = "400", description = "Bad limit or tampered cursor")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Page<Conversation> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return conversations.of(caller.get().userId(), PageRequest.of(limit, cursor));
    }
}
