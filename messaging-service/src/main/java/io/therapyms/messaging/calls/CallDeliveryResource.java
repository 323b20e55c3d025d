package io.therapyms.messaging.calls;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.UnauthorizedException;

/**
 * {@code POST /internal/calls/{sessionId}/deliver}: another instance of this service hands over messages for the
 * call sockets this one holds ({@link CallForwarder}). Only for instances: signed with the relay key and fresh
 * ({@link RelaySignatures}), else 401; the gateway routes nothing outside its route table here (not in the public
 * API, hidden from the OpenAPI document). Body: {@code {"messages": [{"to": <userId>, "text": <message>}, ...]}},
 * delivered in order to that user's sockets of that session here.
 */
@Path("/internal/calls/{sessionId}/deliver")
public class CallDeliveryResource {

    @Inject
    RelaySignatures signatures;

    @Inject
    SignalRelay relay;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response deliver(@PathParam("sessionId") String sessionId,
            @HeaderParam(RelaySignatures.TIME_HEADER) String time,
            @HeaderParam(RelaySignatures.SIGNATURE_HEADER) String signature, String body) {
        if (!signatures.valid(time, signature, sessionId, body)) {
            throw new UnauthorizedException("A current relay signature is required.");
        }
        JsonNode messages;
        try {
            messages = json.readTree(body).path("messages");
        } catch (Exception notJson) {
            throw new BadRequestException("expected {\"messages\": [...]}");
        }
        if (!messages.isArray()) {
            throw new BadRequestException("expected {\"messages\": [...]}");
        }
        for (JsonNode message : messages) {
            if (message.path("to").isTextual() && message.path("text").isTextual()) {
                relay.deliverHere(sessionId, message.get("to").asText(), message.get("text").asText());
            }
        }
        return Response.noContent().build();
    }
}
