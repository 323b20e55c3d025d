package io.therapyms.scheduling.links;

import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.links.LinkDecision;
import io.therapyms.platform.links.LinkProjection;
import io.therapyms.platform.links.LinkProjection.Extra;
import io.therapyms.scheduling.config.QueryPages;
import io.therapyms.scheduling.config.SchedulingTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The projection of therapist-service's mapping events: which client is linked to which therapist,
 * kept by platform's {@link LinkProjection} (the later decision by event time wins).
 * <pre>link: pk = LINK#clientId#therapistId  sk = LINK  status = LINKED | ENDED, changedAt, clientId, therapistId
 *       gsi1pk = CLINK#clientId gsi1sk = therapistId · gsi2pk = TLINK#therapistId gsi2sk = clientId</pre>
 * The index keys stay on ended links too: a party's deletion ends every pair it was ever in.
 */
@Singleton
public class Links {

    public record Pair(String clientId, String therapistId) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    QueryPages pages;

    private LinkProjection projection;

    @PostConstruct
    void init() {
        projection = new LinkProjection(dynamo, config.prefixed(SchedulingTables.MAIN), Links::key);
    }

    /** MappingApproved at {@code at}; returns the decision in force afterwards. */
    public LinkDecision link(String clientId, String therapistId, Instant at) {
        return projection.linked(clientId, therapistId, at, indexKeys(clientId, therapistId));
    }

    /** MappingEnded at {@code at}; returns the decision in force afterwards. */
    public LinkDecision end(String clientId, String therapistId, Instant at) {
        return projection.ended(clientId, therapistId, at, indexKeys(clientId, therapistId));
    }

    /** ClientDeleted / TherapistDeleted: the pair ends for good, whatever the times of its approvals. */
    public LinkDecision close(String clientId, String therapistId, Instant at) {
        return projection.closed(clientId, therapistId, at, indexKeys(clientId, therapistId));
    }

    public boolean linked(String clientId, String therapistId) {
        return projection.isLinked(clientId, therapistId);
    }

    public List<Pair> ofClient(String clientId) {
        return pairs(TableSpec.GSI1, "gsi1pk", "CLINK#" + clientId);
    }

    public List<Pair> ofTherapist(String therapistId) {
        return pairs(TableSpec.GSI2, "gsi2pk", "TLINK#" + therapistId);
    }

    private List<Pair> pairs(String index, String attribute, String partition) {
        return pages.all(pages.query(index, attribute + " = :pk", Map.of(":pk", s(partition)), null, true)).stream()
                .map(i -> new Pair(str(i, "clientId"), str(i, "therapistId"))).toList();
    }

    private static Extra indexKeys(String clientId, String therapistId) {
        return Extra.set(Map.of(TableSpec.GSI1_PK, s("CLINK#" + clientId), TableSpec.GSI1_SK, s(therapistId),
                TableSpec.GSI2_PK, s("TLINK#" + therapistId), TableSpec.GSI2_SK, s(clientId)));
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String clientId,
            String therapistId) {
        return Map.of(TableSpec.PK, s("LINK#" + clientId + "#" + therapistId), TableSpec.SK, s("LINK"));
    }
}
