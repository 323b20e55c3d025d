package io.therapyms.analytics.practice;

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
import io.therapyms.platform.security.CurrentCaller;

/** The practice's figures, for admins. */
@Path("/api/analytics/practice")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Authenticated
@Tag(name = "Analytics")
public class PracticeResource {

    @Inject
    PracticeService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Practice totals per bucket and each therapist's utilisation (admin only)",
            description = "Same parameters and figures as a therapist's summary, over every therapist (UTC unless "
                    + "?timezone= names a zone); therapists: [{therapistId, name, offeredHours, bookedHours, "
                    + "utilisation}]. No client rows.")
    @APIResponse(responseCode = "200", description = "The practice's figures")
    @APIResponse(responseCode = "400", description = "Bad from/to/bucket/timezone, or more than two years")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public PracticeService.Practice practice(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("bucket") String bucket, @QueryParam("timezone") String timezone) {
        return service.practice(caller.get(), timezone, from, to, bucket);
    }
}
