package io.therapyms.messaging.calls;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.security.CurrentCaller;

/** What a party needs before opening the signalling socket: the join window and the ICE servers. */
@Path("/api/sessions/{sessionId}/call")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Calls")
public class CallResource {

    public record CallInfo(String sessionId, Instant joinOpensAt, Instant joinClosesAt,
            List<IceServers.IceServer> iceServers) {
    }

    @Inject
    CallAccess access;

    @Inject
    IceServers iceServers;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(summary = "The call of a session: join window and ICE servers (TURN credentials expire when the window closes)")
    @APIResponse(responseCode = "200", description = "The call may be joined now")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Outside the join window (named in the detail), or the link has ended")
    @APIResponse(responseCode = "404", description = "No such session, or the caller is not its client or therapist")
    @APIResponse(responseCode = "409", description = "The session is cancelled (or marked no-show / completed)")
    public CallInfo get(@PathParam("sessionId") String sessionId) {
        String userId = caller.get().userId();
        CallSession session = access.check(userId, sessionId);
        return new CallInfo(session.sessionId(), session.joinOpensAt(), session.joinClosesAt(),
                iceServers.forUser(userId, session.joinClosesAt()));
    }
}
