package io.therapyms.gateway.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api-docs/openapi.json}: the one OpenAPI document of the whole API, which the Swagger UI
 * at {@code /api-docs} displays.
 */
@Path("/api-docs/openapi.json")
public class ApiDocsResource {

    private final MergedApiDocs mergedApiDocs;

    ApiDocsResource(MergedApiDocs mergedApiDocs) {
        this.mergedApiDocs = mergedApiDocs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> openApi() {
        return Uni.createFrom().completionStage(() -> mergedApiDocs.document().toCompletionStage());
    }
}
