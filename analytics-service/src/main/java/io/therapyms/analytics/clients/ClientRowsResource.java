package io.therapyms.analytics.clients;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
import io.therapyms.platform.security.CurrentCaller;

/** The therapist's linked clients with their session, message and grant figures. */
@Path("/api/analytics/therapists/{therapistId}/clients")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Authenticated
@Tag(name = "Analytics")
public class ClientRowsResource {

    @Inject
    ClientRows rows;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "One row per currently linked client, by link time; ?limit=&cursor=",
            description = "attended = completed sessions, noShows, lateCancellations (cancelled by anyone less than "
                    + "24 h before the start), lastSessionAt / nextSessionAt (sessions not cancelled), "
                    + "unreadFromClient, journalGrant {status: none|pending|active, expiresAt}. Erased clients have no row.")
    @APIResponse(responseCode = "200", description = "A page of rows")
    @APIResponse(responseCode = "400", description = "Bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "Not that therapist nor an admin")
    public Page<ClientRows.Row> rows(@PathParam("therapistId") String therapistId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return rows.rows(caller.get(), therapistId, PageRequest.of(limit, cursor));
    }
}
