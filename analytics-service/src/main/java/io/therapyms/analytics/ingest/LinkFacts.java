package io.therapyms.analytics.ingest;

import static io.therapyms.analytics.ingest.Facts.KIND;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.AnalyticsTables;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.config.Update;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Link episodes (an approval until the pair's next end) and journal grants.
 * <pre>link:     pk = LINK#mappingRequestId sk = F  therapistId clientId linkedAt endedAt [erased]
 *   gsi1 = TL#therapistId / linked#mappingRequestId · gsi2 = PA#therapistId#clientId / linked#id · gsi3 = C#clientId
 * link end: pk = LEND#eventId sk = F  therapistId clientId endedAt · gsi2 = PE#therapistId#clientId / ended#eventId
 * grant:    pk = GRANT#requestId sk = F  therapistId clientId status(pending|active|ended) statusVersion expiresAt approvedAt
 *   gsi2 = G#therapistId#clientId / requestId · gsi3 = C#clientId</pre>
 * MappingEnded names no approval and may arrive before it (other partition), so an episode's end is the earliest
 * end of the pair after its start: each side writes itself first and then looks for the other, so whichever comes
 * second completes the episode.
 */
@Singleton
public class LinkFacts {

    @Inject
    Store store;

    public void approved(String mappingRequestId, String therapistId, People.Client client, Instant at) {
        String linked = TimeKeys.key(at);
        Update episode = Update.of().set(KIND, Facts.LINK).set("therapistId", therapistId).set("clientId", client.id())
                .set("linkedAt", linked).set(TableSpec.GSI1_PK, Facts.links(therapistId))
                .set(TableSpec.GSI1_SK, linked + "#" + mappingRequestId)
                .set(TableSpec.GSI2_PK, Facts.pairApprovals(therapistId, client.id()))
                .set(TableSpec.GSI2_SK, linked + "#" + mappingRequestId);
        if (client.erased()) {
            episode.set("erased", AttributeValue.fromBool(true));
        } else {
            episode.set(AnalyticsTables.GSI3_PK, Facts.ofClient(client.id()))
                    .set(AnalyticsTables.GSI3_SK, "LINK#" + mappingRequestId);
        }
        store.update("LINK#" + mappingRequestId, "F", episode);
        endFromEndsAfter("LINK#" + mappingRequestId, therapistId, client.id(), linked);
    }

    public void ended(String eventId, String therapistId, People.Client client, Instant at) {
        String ended = TimeKeys.key(at);
        Update end = Update.of().set(KIND, Facts.LINK_END).set("therapistId", therapistId).set("clientId", client.id())
                .set("endedAt", ended).set(TableSpec.GSI2_PK, Facts.pairEnds(therapistId, client.id()))
                .set(TableSpec.GSI2_SK, ended + "#" + eventId);
        if (!client.erased()) {
            end.set(AnalyticsTables.GSI3_PK, Facts.ofClient(client.id())).set(AnalyticsTables.GSI3_SK, "LEND#" + eventId);
        }
        store.update("LEND#" + eventId, "F", end);
        endEpisodesBefore(therapistId, client.id(), ended);
    }

    /**
     * An erasure has just re-keyed an episode or an end from the client's id to the token: pair it again under the
     * token. Needed when the other half was written under the id while the erasure ran (it looked for its partner
     * under the id and found nothing, because the partner had already moved to the token).
     */
    public void reKeyed(String kind, String pk, String therapistId, String token, Map<String, AttributeValue> item) {
        if (Facts.LINK.equals(kind) && item.containsKey("linkedAt")) {
            endFromEndsAfter(pk, therapistId, token, item.get("linkedAt").s());
        } else if (Facts.LINK_END.equals(kind) && item.containsKey("endedAt")) {
            endEpisodesBefore(therapistId, token, item.get("endedAt").s());
        }
    }

    private void endFromEndsAfter(String episodePk, String therapistId, String clientKey, String linked) {
        store.query(TableSpec.GSI2, Facts.pairEnds(therapistId, clientKey), linked + "#", "~").stream()
                .findFirst().ifPresent(end -> end(episodePk, end.get("endedAt").s()));
    }

    private void endEpisodesBefore(String therapistId, String clientKey, String ended) {
        store.query(TableSpec.GSI2, Facts.pairApprovals(therapistId, clientKey), "0", ended)
                .forEach(episode -> end(episode.get(TableSpec.PK).s(), ended));
    }

    /** The earliest end after the start wins, whatever order the ends arrived in. */
    private void end(String episodePk, String endedAt) {
        store.updateIf(episodePk, "F", Update.of().set("endedAt", endedAt)
                .when("attribute_not_exists(#endedAt) OR #endedAt > :endedAt", Map.of(), "endedAt"));
    }

    public void grant(String requestId, String therapistId, People.Client client, GrantStatus status, Instant expiresAt,
            Instant at, String eventId) {
        if (client.erased()) {
            return; // grants only feed an erased client's row, which is gone
        }
        store.update("GRANT#" + requestId, "F", Update.of().set(KIND, Facts.GRANT).set("therapistId", therapistId)
                .set("clientId", client.id()).set(TableSpec.GSI2_PK, Facts.pairGrants(therapistId, client.id()))
                .set(TableSpec.GSI2_SK, requestId).set(AnalyticsTables.GSI3_PK, Facts.ofClient(client.id()))
                .set(AnalyticsTables.GSI3_SK, "GRANT#" + requestId));
        Update state = Update.of().set("status", status.wire()).ifNewer("statusVersion", TimeKeys.version(at, eventId));
        if (status == GrantStatus.ACTIVE) {
            state.set("approvedAt", TimeKeys.key(at));
            if (expiresAt == null) {
                state.remove("expiresAt");
            } else {
                state.set("expiresAt", TimeKeys.key(expiresAt));
            }
        }
        store.updateIf("GRANT#" + requestId, "F", state);
    }
}
