package io.therapyms.messaging.links;

import java.time.Instant;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.messaging.config.MessagingTables;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.links.LinkProjection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The projection of therapists.events that answers "may these two write to each other?", kept by
 * platform's {@link LinkProjection}: the later decision by event time wins, so a redelivered or
 * out-of-order approval cannot revive an ended link.
 * <pre>
 * link: pk = LINK#&lt;clientId&gt;#&lt;therapistId&gt;  sk = LINK   status LINKED | ENDED, changedAt, clientId, therapistId
 * </pre>
 */
@Singleton
public class LinkRepository {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    private LinkProjection projection;

    @PostConstruct
    void init() {
        projection = new LinkProjection(dynamo, config.prefixed(MessagingTables.MAIN), LinkRepository::key);
    }

    public void link(String clientId, String therapistId, Instant at) {
        projection.linked(clientId, therapistId, at);
    }

    public void unlink(String clientId, String therapistId, Instant at) {
        projection.ended(clientId, therapistId, at);
    }

    /** Whether the two users are a linked client and therapist, in either order (two GetItems at most). */
    public boolean areLinked(String userA, String userB) {
        return projection.isLinked(userA, userB) || projection.isLinked(userB, userA);
    }

    private static Map<String, AttributeValue> key(String clientId, String therapistId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("LINK#" + clientId + "#" + therapistId),
                TableSpec.SK, AttributeValue.fromS("LINK"));
    }
}
