package io.therapyms.journal.entries;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.CurrentCaller;

/** A client's journal: entries, insights and the log of therapist reads. */
@Path("/api/journals/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Journal")
public class JournalResource {

    /** POST and PUT body; on PUT every field is optional (any subset). */
    public record EntryBody(String content, String feeling, Integer intensity, String time,
            @JsonProperty("private") Boolean isPrivate) {
        JournalService.EntryFields fields() {
            return new JournalService.EntryFields(content, feeling, intensity, time, isPrivate);
        }
    }

    @Inject
    JournalService journal;

    @Inject
    CurrentCaller caller;

    @POST
    @Authenticated
    @Operation(summary = "The client writes an entry; JournalEntryCreated (ids only) is published")
    @APIResponse(responseCode = "201", description = "The entry")
    @APIResponse(responseCode = "400", description = "Missing/too long content, unknown feeling (lists the vocabulary), intensity outside 1-10, time in the future")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist or an admin")
    @APIResponse(responseCode = "404", description = "Anyone unrelated")
    public Response create(@PathParam("clientId") String clientId, @NotNull @Valid EntryBody body) {
        return Response.status(Response.Status.CREATED).entity(journal.create(caller.get(), clientId, body.fields()))
                .build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Entries newest time first (a granted therapist: non-private only, logged); ?from=&to=&feeling=")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Bad range, feeling, limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist without an active grant, or an admin")
    @APIResponse(responseCode = "404", description = "Anyone unrelated")
    @APIResponse(responseCode = "503", description = "The read could not be recorded in the access log")
    public Page<JournalEntry> list(@PathParam("clientId") String clientId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("feeling") String feeling, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return journal.list(caller.get(), clientId, from, to, feeling, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/insights")
    @Authenticated
    @Operation(summary = "Per day or week: entry count, average intensity and feeling counts over the visible entries")
    @APIResponse(responseCode = "200", description = "The buckets")
    @APIResponse(responseCode = "400", description = "Bad bucket or range (at most 366 days)")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist without an active grant, or an admin")
    @APIResponse(responseCode = "404", description = "Anyone unrelated")
    @APIResponse(responseCode = "503", description = "The read could not be recorded in the access log")
    public JournalService.Insights insights(@PathParam("clientId") String clientId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        return journal.insights(caller.get(), clientId, from, to, bucket);
    }

    @GET
    @Path("/access-log")
    @Authenticated
    @Operation(summary = "Every therapist read of the journal, newest first (the client and admins)")
    @APIResponse(responseCode = "200", description = "A page of access records")
    @APIResponse(responseCode = "400", description = "Bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist")
    @APIResponse(responseCode = "404", description = "Anyone unrelated")
    public Page<AccessLog.Record> accessLog(@PathParam("clientId") String clientId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return journal.accessLog(caller.get(), clientId, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{entryId}")
    @Authenticated
    @Operation(summary = "One entry (a granted therapist: non-private only, logged)")
    @APIResponse(responseCode = "200", description = "The entry")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist without an active grant, or an admin")
    @APIResponse(responseCode = "404", description = "No such entry (or private, for a therapist), or anyone unrelated")
    @APIResponse(responseCode = "503", description = "The read could not be recorded in the access log")
    public JournalEntry read(@PathParam("clientId") String clientId, @PathParam("entryId") String entryId) {
        return journal.read(caller.get(), clientId, entryId);
    }

    @PUT
    @Path("/{entryId}")
    @Authenticated
    @Operation(summary = "The client changes any subset of the fields")
    @APIResponse(responseCode = "200", description = "The entry")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist or an admin")
    @APIResponse(responseCode = "404", description = "No such entry, or anyone unrelated")
    public JournalEntry update(@PathParam("clientId") String clientId, @PathParam("entryId") String entryId,
            @NotNull @Valid EntryBody body) {
        return journal.update(caller.get(), clientId, entryId, body.fields());
    }

    @DELETE
    @Path("/{entryId}")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    @Operation(summary = "The client deletes an entry")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A linked therapist or an admin")
    @APIResponse(responseCode = "404", description = "No such entry, or anyone unrelated")
    public void delete(@PathParam("clientId") String clientId, @PathParam("entryId") String entryId) {
        journal.delete(caller.get(), clientId, entryId);
    }
}
