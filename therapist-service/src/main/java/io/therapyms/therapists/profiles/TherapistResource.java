package io.therapyms.therapists.profiles;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.platform.security.Role;
import io.therapyms.therapists.mappings.MappingService;

/** Therapist profiles, their verification and the directory of verified therapists. */
@Path("/api/therapists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Therapists")
public class TherapistResource {

    public record CreateProfile(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> expertise,
            @NotBlank @Size(max = 200) String location,
            @Size(max = 5000) String bio,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> languages,
            @Size(max = 64) String timezone,
            @NotNull Boolean acceptingClients) {
    }

    /** Any subset of the editable fields; {@code verified}, {@code email} and ids are not editable (400). */
    public record EditProfile(
            @Size(min = 1, max = 200) String name,
            @Size(min = 1, max = 20) List<@NotBlank @Size(max = 100) String> expertise,
            @Size(min = 1, max = 200) String location,
            @Size(max = 5000) String bio,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> languages,
            @Size(max = 64) String timezone,
            Boolean acceptingClients) {
    }

    public record Verification(@NotNull Boolean verified) {
    }

    @Inject
    TherapistService therapists;

    @Inject
    MappingService mappings;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed(Role.THERAPIST_NAME)
    @Operation(summary = "Create the caller's therapist profile (unverified until an admin verifies it)")
    @APIResponse(responseCode = "201", description = "Profile created, verified false")
    @APIResponse(responseCode = "400", description = "Invalid or not settable fields")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "The caller is not a therapist")
    @APIResponse(responseCode = "409", description = "The caller already has a profile")
    public Response create(@NotNull @Valid CreateProfile request) {
        if (request.name().isBlank() || request.location().isBlank()) {
            throw io.therapyms.platform.errors.BadRequestException.field("name", "must not be blank");
        }
        Therapist created = therapists.create(caller.get(), request.name(), request.expertise(), request.location(),
                request.bio(), request.languages(), request.timezone(), request.acceptingClients());
        return Response.status(Response.Status.CREATED).entity(TherapistView.withEmail(created)).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "The directory of verified therapists; filters combine; each page is one index Query")
    @APIResponse(responseCode = "200", description = "A page of public profiles, ordered by name")
    @APIResponse(responseCode = "400", description = "Bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "verified=false asked by someone other than an admin")
    public Page<TherapistView> directory(@QueryParam("expertise") String expertise,
            @QueryParam("location") String location, @QueryParam("q") String q,
            @QueryParam("acceptingClients") Boolean acceptingClients, @QueryParam("verified") Boolean verified,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        for (String[] param : new String[][] { { "expertise", expertise }, { "location", location }, { "q", q } }) {
            if (param[1] != null && param[1].length() > 200) {
                throw io.therapyms.platform.errors.BadRequestException.field(param[0], "at most 200 characters");
            }
        }
        Directory.Filter filter = new Directory.Filter(blankToNull(expertise), blankToNull(location), blankToNull(q),
                Boolean.TRUE.equals(acceptingClients), verified == null || verified);
        return therapists.directory(caller.get(), filter, PageRequest.of(limit, cursor)).map(TherapistView::publicOf);
    }

    @GET
    @Path("/{therapistId}")
    @Authenticated
    @Operation(summary = "A therapist's public profile; the therapist and admins also see the email")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "404", description = "No such therapist, or not verified and not the caller")
    public TherapistView get(@PathParam("therapistId") String therapistId) {
        Caller who = caller.get();
        Therapist therapist = therapists.get(who, therapistId);
        return TherapistService.mayManage(who, therapistId) ? TherapistView.withEmail(therapist) : TherapistView.publicOf(therapist);
    }

    @PUT
    @Path("/{therapistId}")
    @Authenticated
    @Operation(summary = "Edit any subset of the profile's editable fields")
    @APIResponse(responseCode = "200", description = "The updated profile")
    @APIResponse(responseCode = "400", description = "Invalid or not editable fields")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Neither the therapist nor an admin")
    @APIResponse(responseCode = "404", description = "No such therapist")
    @APIResponse(responseCode = "409", description = "Changed concurrently too often; retry")
    public TherapistView update(@PathParam("therapistId") String therapistId, @NotNull @Valid EditProfile request) {
        if ((request.name() != null && request.name().isBlank())
                || (request.location() != null && request.location().isBlank())) {
            throw io.therapyms.platform.errors.BadRequestException.field(
                    request.name() != null && request.name().isBlank() ? "name" : "location", "must not be blank");
        }
        return TherapistView.withEmail(therapists.update(caller.get(), therapistId, request.name(), request.expertise(),
                request.location(), request.bio(), request.languages(), request.timezone(), request.acceptingClients()));
    }

    @DELETE
    @Path("/{therapistId}")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    @Operation(summary = "Delete the profile; every link ends (MappingEnded) and TherapistDeleted is published")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Neither the therapist nor an admin")
    @APIResponse(responseCode = "404", description = "No such therapist")
    public void delete(@PathParam("therapistId") String therapistId) {
        therapists.delete(caller.get(), therapistId);
    }

    @POST
    @Path("/{therapistId}/verification")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Set or clear the verified flag (admin)")
    @APIResponse(responseCode = "204", description = "Set")
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such therapist")
    public void verify(@PathParam("therapistId") String therapistId, @NotNull @Valid Verification request) {
        therapists.verify(therapistId, request.verified());
    }

    @GET
    @Path("/{therapistId}/clients")
    @Authenticated
    @Operation(summary = "The therapist's caseload: linked clients")
    @APIResponse(responseCode = "200", description = "A page of {clientId, name, linkedAt}")
    @APIResponse(responseCode = "400", description = "Bad limit or altered cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Neither the therapist nor an admin")
    @APIResponse(responseCode = "404", description = "No such therapist")
    public Page<MappingService.CaseloadEntry> caseload(@PathParam("therapistId") String therapistId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        therapists.manageable(caller.get(), therapistId);
        return mappings.caseload(therapistId, page);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
