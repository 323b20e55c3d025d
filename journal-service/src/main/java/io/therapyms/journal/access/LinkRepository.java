package io.therapyms.journal.access;

import static io.therapyms.platform.dynamo.Attrs.s;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.journal.config.JournalTables;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.links.LinkDecision;
import io.therapyms.platform.links.LinkProjection;
import io.therapyms.platform.links.LinkProjection.Extra;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The projection of therapists.events that answers "is this therapist linked to this client?", kept
 * by platform's {@link LinkProjection} (the later decision by event time wins, so an end that
 * overtakes its approval is not undone by it).
 * <pre>link: pk = CLIENT#clientId  sk = LINK#therapistId  status LINKED | ENDED, changedAt, clientId, therapistId, since</pre>
 * An ended link stays as a marker; the client's erasure deletes it with the rest of the partition.
 */
@Singleton
public class LinkRepository {

    @Inject
    Clock clock;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    private LinkProjection projection;

    @PostConstruct
    void init() {
        projection = new LinkProjection(dynamo, config.prefixed(JournalTables.MAIN),
                (clientId, therapistId) -> Map.of(TableSpec.PK, s("CLIENT#" + clientId),
                        TableSpec.SK, s("LINK#" + therapistId)));
    }

    /** MappingApproved at {@code at}; {@code since} records when this service learned of it. */
    public LinkDecision link(String clientId, String therapistId, Instant at) {
        return projection.linked(clientId, therapistId, at, Extra.set(Map.of("since", s(SortableTime.millis(Times.now(clock))))));
    }

    /** MappingEnded at {@code at}; returns the decision in force afterwards. */
    public LinkDecision end(String clientId, String therapistId, Instant at) {
        return projection.ended(clientId, therapistId, at);
    }

    /** Consistent read of the pair's link. */
    public boolean isLinked(String clientId, String therapistId) {
        return projection.isLinked(clientId, therapistId);
    }
}
