package io.therapyms.clients.export;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.therapyms.clients.links.LinkRepository;
import io.therapyms.clients.profiles.ClientProfile;
import io.therapyms.clients.profiles.ClientRepository;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.export.ExportParts;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.time.InstantText;

/**
 * Assembles a client's export: this service's own part (profile and links) and every other service's part,
 * as one JSON document with a section per service. An erased client (no live profile: ClientDeleted removed it)
 * has nothing left to export: 404.
 */
@Singleton
public class ClientExportService {

    /** The document's layout version, so a reader can tell later changes apart. */
    static final int FORMAT_VERSION = 1;

    @Inject
    ClientRepository profiles;

    @Inject
    LinkRepository links;

    @Inject
    ExportPartsClient parts;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    ObjectNode export(Caller caller, String clientId, String authorization) {
        ExportParts.requireClientOrAdmin(caller, clientId);
        ClientProfile profile = profiles.find(clientId)
                .orElseThrow(() -> new NotFoundException("No such client, or the client was erased."));
        Map<String, JsonNode> others = parts.fetch(clientId, authorization);
        ObjectNode document = json.createObjectNode();
        document.put("formatVersion", FORMAT_VERSION);
        document.put("clientId", clientId);
        document.put("exportedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        document.set("account", others.get("account"));
        ObjectNode client = document.putObject("client");
        client.set("profile", json.valueToTree(profile));
        client.set("links", json.valueToTree(ExportParts.all(page -> links.therapistsOf(clientId, page))));
        others.forEach((name, part) -> {
            if (!"account".equals(name)) {
                document.set(name, part);
            }
        });
        return document;
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : InstantText.parse(node.asText());
    }
}
