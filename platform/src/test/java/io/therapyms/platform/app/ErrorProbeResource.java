package io.therapyms.platform.app;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.CurrentCaller;

/** Endpoints that fail in every way the platform must turn into problem+json. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ErrorProbeResource {

    public record Slot(@NotNull java.time.Instant startTime, @Min(15) int minutes) {
    }

    public record CreateThing(@NotBlank @Size(max = 200) String name, @Min(1) @Max(10) Integer intensity,
            Boolean flag, @Valid List<Slot> slots) {
    }

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/things")
    public Map<String, Object> create(@Valid CreateThing thing) {
        return Map.of("name", thing.name());
    }

    @GET
    @Path("/page")
    public PageRequest page(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return PageRequest.of(limit, cursor);
    }

    @POST
    @Path("/conflict")
    public void conflict() {
        throw new ConflictException("That slot is already booked.");
    }

    @GET
    @Path("/boom")
    public void boom() {
        throw new IllegalStateException("DynamoDB: ConditionalCheckFailedException at com.example.Secret");
    }

    @GET
    @Path("/me")
    @Authenticated
    public Caller me() {
        return caller.get();
    }

    @GET
    @Path("/admin-only")
    @RolesAllowed("admin")
    public Caller adminOnly() {
        return caller.get();
    }
}
