package io.therapyms.analytics.summary;

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
import io.therapyms.platform.security.CurrentCaller;

/** A therapist's figures per week or month. */
@Path("/api/analytics/therapists/{therapistId}/summary")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Authenticated
@Tag(name = "Analytics")
public class SummaryResource {

    @Inject
    SummaryService service;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Sessions, hours, requests, caseload and messages per bucket and in total",
            description = "?from=&to= (ISO-8601 instants, or dates in the time zone; at most two years; default the 12 "
                    + "weeks up to the end of the current one), widened to whole buckets; ?bucket=week|month (weeks "
                    + "start on Monday); ?timezone= an IANA zone (default: the zone the therapist's profile names, else UTC). "
                    + "Sessions count by their start and current status; lateCancelled = cancelled less than 24 h "
                    + "before the start; attendanceRate = completed / (completed + noShow); utilisation = bookedHours "
                    + "(sessions not cancelled) / offeredHours (slots published); requests count by the time they "
                    + "were made, medianHoursToDecision over approvals and rejections; caseload.active = clients "
                    + "linked at any time in the bucket; medianMinutesToFirstReply = from a client's first message "
                    + "since the therapist's last one to the therapist's next message (looked for up to 7 days after "
                    + "the range). Ratios are null where their denominator is 0. asOf = time of the newest event "
                    + "applied for this therapist.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "400", description = "Bad from/to/bucket/timezone, or more than two years")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "Not that therapist nor an admin")
    public SummaryService.Summary summary(@PathParam("therapistId") String therapistId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("bucket") String bucket,
            @QueryParam("timezone") String timezone) {
        return service.summary(caller.get(), therapistId, timezone, from, to, bucket);
    }
}
