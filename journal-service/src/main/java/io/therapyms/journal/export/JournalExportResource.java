package io.therapyms.journal.export;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.journal.access.AccessRequest;
import io.therapyms.journal.access.AccessRequestService;
import io.therapyms.journal.entries.AccessLog;
import io.therapyms.journal.entries.JournalEntry;
import io.therapyms.journal.entries.JournalEntryRepository;
import io.therapyms.journal.measures.Measure;
import io.therapyms.journal.measures.MeasureRepository;
import io.therapyms.platform.export.ExportParts;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.platform.security.Role;

/**
 * journal-service's part of a client's export: every entry (private ones too: they are the client's own), every
 * journal-access request with its status as the client sees it (expired derived at read time), the whole
 * access log and every PHQ-9 / GAD-7 measure. Reading the journal for the export is not a therapist read, so it
 * adds nothing to the access log.
 */
@Path(ExportParts.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class JournalExportResource {

    public record JournalPart(List<JournalEntry> entries, List<AccessRequest> accessRequests,
            List<AccessLog.Record> accessLog, List<Measure> measures) {
    }

    @Inject
    JournalEntryRepository entries;

    @Inject
    AccessRequestService accessRequests;

    @Inject
    AccessLog accessLog;

    @Inject
    MeasureRepository measures;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(hidden = true)
    public JournalPart export(@PathParam("clientId") String clientId) {
        ExportParts.requireClientOrAdmin(caller.get(), clientId);
        // The client's own listing (gsi1 CREQ#<clientId>), whoever asks: an admin's listing would be everyone's.
        Caller asClient = new Caller(clientId, Role.CLIENT, null);
        return new JournalPart(entries.all(clientId, null, null, true),
                ExportParts.all(page -> accessRequests.list(asClient, null, page)),
                ExportParts.all(page -> accessLog.page(clientId, page)), measures.all(clientId));
    }
}
