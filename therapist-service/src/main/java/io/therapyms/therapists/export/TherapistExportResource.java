package io.therapyms.therapists.export;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.export.ExportParts;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.platform.security.Role;
import io.therapyms.therapists.mappings.MappingRequest;
import io.therapyms.therapists.mappings.MappingService;
import io.therapyms.therapists.profiles.TherapistRepository;
import io.therapyms.therapists.profiles.TherapistView;

/**
 * therapist-service's part of a client's export: every mapping request the client is party to, and the public
 * profile of each therapist named in them (the only therapists the client can have sessions, messages or grants
 * with, since every link starts as an approved request). A deleted therapist's profile is gone and left out.
 */
@Path(ExportParts.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TherapistExportResource {

    public record TherapistPart(List<MappingRequest> mappingRequests, List<TherapistView> therapists) {
    }

    @Inject
    MappingService mappings;

    @Inject
    TherapistRepository therapists;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(hidden = true)
    public TherapistPart export(@PathParam("clientId") String clientId) {
        ExportParts.requireClientOrAdmin(caller.get(), clientId);
        // The client's own listing (gsi1 CREQ#<clientId>), whoever asks: an admin's listing would be everyone's.
        Caller asClient = new Caller(clientId, Role.CLIENT, null);
        List<MappingRequest> requests = ExportParts.all(page -> mappings.list(asClient, null, page));
        Set<String> ids = new LinkedHashSet<>();
        requests.forEach(r -> ids.add(r.therapistId()));
        List<TherapistView> profiles = ids.stream().map(therapists::find).flatMap(Optional::stream)
                .map(TherapistView::publicOf).toList();
        return new TherapistPart(requests, profiles);
    }
}
