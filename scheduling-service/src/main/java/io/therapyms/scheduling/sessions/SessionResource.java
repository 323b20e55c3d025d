package io.therapyms.scheduling.sessions;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.platform.security.Role;

/** Sessions; only the session's therapist's view has the privateNotes field. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Authenticated
@Tag(name = "Sessions")
public class SessionResource {

    public record SessionChange(String status, String sharedNotes, String privateNotes) {
    }

    @Inject
    SessionService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The caller's sessions (admin: all) by start time in [from, to); "
            + "?from=&to=&status=&limit=&cursor=")
    @APIResponse(responseCode = "200", description = "A page of sessions")
    @APIResponse(responseCode = "400", description = "Bad window or status, bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    public Page<Map<String, Object>> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller who = caller.get();
        return service.list(who, from, to, status, PageRequest.of(limit, cursor)).map(s -> view(who, s));
    }

    @GET
    @Path("/{sessionId}")
    @Operation(summary = "One session (its client, its therapist, admin)")
    @APIResponse(responseCode = "200", description = "The session")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "No such session of the caller")
    public Map<String, Object> get(@PathParam("sessionId") String sessionId) {
        Caller who = caller.get();
        return view(who, service.get(who, sessionId));
    }

    @PUT
    @Path("/{sessionId}")
    @Operation(summary = "Therapist: status and notes; client: cancel before the start")
    @APIResponse(responseCode = "200", description = "The updated session")
    @APIResponse(responseCode = "400", description = "Fields the caller may not set, bad status, notes too long")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "An admin")
    @APIResponse(responseCode = "404", description = "No such session of the caller")
    @APIResponse(responseCode = "409", description = "The session has started (client cancel) or changed meanwhile")
    public Map<String, Object> update(@PathParam("sessionId") String sessionId, @NotNull SessionChange change) {
        Caller who = caller.get();
        return view(who, service.update(who, sessionId, change.status(), change.sharedNotes(),
                change.privateNotes(), change.privateNotes() != null, change.sharedNotes() != null));
    }

    static Map<String, Object> view(Caller who, Session s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sessionId", s.sessionId());
        view.put("clientId", s.clientId());
        view.put("therapistId", s.therapistId());
        view.put("slotId", s.slotId());
        view.put("startTime", s.startTime().toString());
        view.put("endTime", s.endTime().toString());
        view.put("status", s.status().wireName());
        view.put("sharedNotes", s.sharedNotes());
        // The private part is the session's therapist's alone: not the client's, not an admin's.
        if (who.is(Role.THERAPIST) && who.isUser(s.therapistId())) {
            view.put("privateNotes", s.privateNotes());
        }
        return view;
    }
}
