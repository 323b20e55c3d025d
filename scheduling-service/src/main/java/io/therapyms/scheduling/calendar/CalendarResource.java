package io.therapyms.scheduling.calendar;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.security.CurrentCaller;

/** The caller's calendar feed (create, look at, revoke) and the feed itself, opened by its secret URL. */
@Path("/api/calendar")
@Blocking
@Tag(name = "Calendar")
public class CalendarResource {

    static final String TEXT_CALENDAR = "text/calendar; charset=utf-8";

    /** {@code includeNames} absent means false: names leave only when asked for. */
    public record FeedRequest(Boolean includeNames) {
    }

    @Inject
    CalendarService service;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/feed")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new secret calendar URL of the caller's sessions; any earlier one stops working")
    @APIResponse(responseCode = "201", description = "{url}: shown once, only its hash is stored")
    @APIResponse(responseCode = "400", description = "A body that is not {includeNames: boolean}")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "An admin (no sessions of their own)")
    @APIResponse(responseCode = "409", description = "Changed by another request at the same time, again and again")
    public Response create(FeedRequest request, @Context UriInfo uri, @Context HttpHeaders headers) {
        boolean includeNames = request != null && Boolean.TRUE.equals(request.includeNames());
        return Response.status(Response.Status.CREATED)
                .entity(service.create(caller.get(), includeNames, origin(uri, headers))).build();
    }

    @GET
    @Path("/feed")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the caller has a calendar feed (never its URL)")
    @APIResponse(responseCode = "200", description = "{includeNames, createdAt}")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "An admin")
    @APIResponse(responseCode = "404", description = "No feed")
    public CalendarService.Status status() {
        return service.status(caller.get());
    }

    @DELETE
    @Path("/feed")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revokes the caller's calendar URL")
    @APIResponse(responseCode = "204", description = "Revoked; the URL answers 404")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "An admin")
    @APIResponse(responseCode = "404", description = "No feed")
    public Response revoke() {
        service.revoke(caller.get());
        return Response.noContent().build();
    }

    @GET
    @Path("/{token}.ics")
    @PermitAll
    @Produces({ TEXT_CALENDAR, "application/problem+json" })
    @Operation(summary = "The feed (RFC 5545): whoever holds the secret URL; the token is the credential")
    @APIResponse(responseCode = "200", description = "VCALENDAR of the sessions from 30 days back to a year ahead")
    @APIResponse(responseCode = "404", description = "Unknown, replaced or revoked URL (one answer for all)")
    public Response feed(@PathParam("token") String token, @Context UriInfo uri, @Context HttpHeaders headers) {
        return Response.ok(service.render(token, origin(uri, headers)), TEXT_CALENDAR)
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Where the caller reached us: the gateway's X-Forwarded-Proto/-Host (it replaces them unless they come
     * from a trusted proxy), else this service's own address. Used only when no public URL is configured.
     */
    static URI origin(UriInfo uri, HttpHeaders headers) {
        String host = first(headers.getHeaderString("X-Forwarded-Host"));
        URI base = uri.getBaseUri();
        if (host == null) {
            return URI.create(base.getScheme() + "://" + base.getRawAuthority());
        }
        String proto = first(headers.getHeaderString("X-Forwarded-Proto"));
        return URI.create(("https".equals(proto) ? "https" : "http") + "://" + host);
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.split(",")[0].trim();
        // a host, optionally with a port: anything else is not used to build a URL
        return value.matches("[A-Za-z0-9.\\-\\[\\]:]+") ? value : null;
    }
}
