package io.therapyms.messaging.export;

import java.util.ArrayList;
import java.util.Comparator;
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
import io.therapyms.messaging.conversations.ConversationRepository;
import io.therapyms.messaging.messages.Message;
import io.therapyms.messaging.messages.MessageRepository;
import io.therapyms.platform.export.ExportParts;
import io.therapyms.platform.security.CurrentCaller;

/**
 * messaging-service's part of a client's export: every message the client sent or received, conversation by
 * conversation (the client's conversation items name the partners; each conversation is one partition), oldest
 * first. A deleted message stays as a placeholder without content, as in the conversation itself. Notifications
 * carry only ids and are not part of it.
 */
@Path(ExportParts.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MessagingExportResource {

    public record MessagingPart(List<Message> messages) {
    }

    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(hidden = true)
    public MessagingPart export(@PathParam("clientId") String clientId) {
        ExportParts.requireClientOrAdmin(caller.get(), clientId);
        List<Message> all = new ArrayList<>();
        for (String partner : conversations.partnersOf(clientId)) {
            all.addAll(ExportParts.all(page -> messages.conversation(clientId, partner, page)));
        }
        all.sort(Comparator.comparing(Message::timestamp).thenComparing(Message::messageId));
        return new MessagingPart(all);
    }
}
