package io.therapyms.clients.export;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.CurrentCaller;

/** The client's right of access: everything held about them in every service, as one download. */
@Path("/api/clients/{clientId}/export")
@Blocking
@Tag(name = "Clients")
public class ClientExportResource {

    static final String FHIR_JSON = "application/fhir+json";

    @Inject
    ClientExportService exports;

    @Inject
    FhirExport fhir;

    @Inject
    CurrentCaller caller;

    @Inject
    ObjectMapper json;

    @GET
    @Authenticated
    @Produces({MediaType.APPLICATION_JSON, FHIR_JSON})
    @Operation(summary = "Everything held about the client in every service, as JSON or a FHIR R4 Bundle (collection): "
            + "the client or an admin. Private session notes are never part of it")
    @APIResponse(responseCode = "200", description = "The export, as an attachment")
    @APIResponse(responseCode = "400", description = "Unknown format")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not the client themself nor an admin")
    @APIResponse(responseCode = "404", description = "No such client, or the client was erased")
    @APIResponse(responseCode = "503", description = "A service holding part of the data did not answer; nothing exported")
    public Response export(@PathParam("clientId") String clientId,
            @Parameter(description = "json (default) or fhir", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"json", "fhir"})) @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws Exception {
        String wanted = format == null || format.isBlank() ? "json" : format.strip();
        if (!wanted.equals("json") && !wanted.equals("fhir")) {
            throw BadRequestException.field("format", "must be json or fhir");
        }
        ObjectNode document = exports.export(caller.get(), clientId, authorization);
        String day = LocalDate.ofInstant(ClientExportService.instant(document.get("exportedAt")), ZoneOffset.UTC)
                .toString();
        if (wanted.equals("fhir")) {
            return attachment(fhir.toJson(document), FHIR_JSON, "therapyms-export-" + day + ".fhir.json");
        }
        return attachment(json.writerWithDefaultPrettyPrinter().writeValueAsString(document),
                MediaType.APPLICATION_JSON, "therapyms-export-" + day + ".json");
    }

    private static Response attachment(String body, String type, String filename) {
        return Response.ok(body, type + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
