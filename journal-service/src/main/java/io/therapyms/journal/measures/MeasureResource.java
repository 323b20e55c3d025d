package io.therapyms.journal.measures;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.CurrentCaller;

/** PHQ-9 and GAD-7 questionnaires of a client: the client completes them; a granted therapist reads them (logged). */
@Path("/api/journals/{clientId}/measures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Measures")
public class MeasureResource {

    public record MeasureBody(String instrument, List<Integer> answers) {
    }

    /** The measure as stored, plus {@code crisisResources} (CRISIS_RESOURCES_TEXT) when {@code safetyFollowUp}. */
    public record CompletedMeasure(String measureId, String instrument, List<Integer> answers, int score,
            Severity severity, Instant completedAt, boolean safetyFollowUp,
            @JsonInclude(JsonInclude.Include.NON_NULL) String crisisResources) {

        static CompletedMeasure of(MeasureService.Completed completed) {
            Measure m = completed.measure();
            return new CompletedMeasure(m.measureId(), m.instrument(), m.answers(), m.score(), m.severity(),
                    m.completedAt(), m.safetyFollowUp(), completed.crisisResources());
        }
    }

    @Inject
    MeasureService measures;

    @Inject
    CurrentCaller caller;

    @POST
    @Authenticated
    @Operation(summary = "The client completes a PHQ-9 or GAD-7; MeasureCompleted (and, for PHQ-9 item 9 above 0, MeasureSafetyFlagged) is published, ids only")
    @APIResponse(responseCode = "201", description = "The scored measure; crisisResources when safetyFollowUp")
    @APIResponse(responseCode = "400", description = "Unknown instrument, wrong number of answers, an answer outside 0-3")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist or an admin")
    @APIResponse(responseCode = "404", description = "Anyone unrelated")
    public Response complete(@PathParam("clientId") String clientId, @NotNull MeasureBody body) {
        return Response.status(Response.Status.CREATED)
                .entity(CompletedMeasure.of(measures.complete(caller.get(), clientId, body.instrument(), body.answers())))
                .build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Measures newest first (a granted therapist: logged as action measures); ?instrument=&from=&to=")
    @APIResponse(responseCode = "200", description = "A page of measures")
    @APIResponse(responseCode = "400", description = "Bad instrument, range, limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist without an active grant, or an admin")
    @APIResponse(responseCode = "404", description = "Anyone unrelated")
    @APIResponse(responseCode = "503", description = "The read could not be recorded in the access log")
    public Page<Measure> list(@PathParam("clientId") String clientId, @QueryParam("instrument") String instrument,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return measures.list(caller.get(), clientId, instrument, from, to, PageRequest.of(limit, cursor));
    }
}
