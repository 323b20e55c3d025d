package io.therapyms.analytics.clients;

import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.therapyms.analytics.access.AnalyticsPolicy;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.ingest.Facts;
import io.therapyms.analytics.ingest.GrantStatus;
import io.therapyms.analytics.ingest.People;
import io.therapyms.analytics.ingest.SessionStatus;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.QueryPager;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * One row per client currently linked to the therapist, by the time the link began: the page Queries the
 * therapist's link episodes (open, not erased); each row then reads the pair's sessions, unread messages and
 * journal grants by their pair keys. An erased client has no row.
 */
@Singleton
public class ClientRows {

    public record Grant(GrantStatus status, Instant expiresAt) {
    }

    public record Row(String clientId, String name, Instant linkedAt, Instant lastSessionAt, Instant nextSessionAt,
            int attended, int noShows, int lateCancellations, int unreadFromClient, Grant journalGrant) {
    }

    @Inject
    Clock clock;

    @Inject
    Store store;

    @Inject
    People people;

    @Inject
    QueryPager pager;

    @Inject
    AnalyticsPolicy policy;

    public Page<Row> rows(Caller caller, String therapistId, PageRequest page) {
        policy.mayReadTherapist(caller, therapistId);
        QueryRequest query = QueryRequest.builder().tableName(store.table()).indexName(TableSpec.GSI1)
                .keyConditionExpression("gsi1pk = :pk")
                .filterExpression("attribute_not_exists(endedAt) AND attribute_not_exists(erased)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Facts.links(therapistId)))).build();
        Instant now = clock.instant();
        return pager.page(query, page, "analytics:clients:" + therapistId, QueryPager.DEFAULT_MAX_ROUNDS,
                link -> row(therapistId, link, now));
    }

    private Row row(String therapistId, Map<String, AttributeValue> link, Instant now) {
        String clientId = str(link, "clientId");
        Instant linkedAt = TimeKeys.parse(str(link, "linkedAt"));
        Instant last = null;
        Instant next = null;
        int attended = 0;
        int noShows = 0;
        int late = 0;
        for (Map<String, AttributeValue> s : store.query(TableSpec.GSI2, Facts.pairSessions(therapistId, clientId), null,
                null)) {
            SessionStatus status = SessionStatus.fromWire(str(s, "status"));
            Instant start = TimeKeys.parse(str(s, "startTime"));
            Instant cancelledAt = TimeKeys.parse(str(s, "cancelledAt"));
            if (status == SessionStatus.COMPLETED) {
                attended++;
            } else if (status == SessionStatus.NO_SHOW) {
                noShows++;
            } else if (status == SessionStatus.CANCELLED && cancelledAt != null
                    && cancelledAt.isAfter(start.minus(java.time.Duration.ofHours(24)))) {
                late++;
            }
            if (status == null || status == SessionStatus.CANCELLED) {
                continue;
            }
            if (start.isAfter(now)) {
                next = next == null || start.isBefore(next) ? start : next;
            } else {
                last = last == null || start.isAfter(last) ? start : last;
            }
        }
        int unread = store.dynamo().query(q -> q.tableName(store.table()).indexName(TableSpec.GSI2)
                .keyConditionExpression("gsi2pk = :pk").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Facts.unread(therapistId, clientId)))))
                .count();
        return new Row(clientId, people.clientName(clientId).orElse(null), linkedAt, last, next, attended, noShows, late,
                unread, grant(therapistId, clientId, linkedAt, now));
    }

    /** Active: approved in this link, not ended, not expired; else pending if one is asked; else none. */
    private Grant grant(String therapistId, String clientId, Instant linkedAt, Instant now) {
        Grant pending = null;
        for (Map<String, AttributeValue> g : store.query(TableSpec.GSI2, Facts.pairGrants(therapistId, clientId), null,
                null)) {
            GrantStatus status = GrantStatus.fromWire(str(g, "status"));
            Instant expiresAt = TimeKeys.parse(str(g, "expiresAt"));
            Instant approvedAt = TimeKeys.parse(str(g, "approvedAt"));
            if (status == GrantStatus.ACTIVE && approvedAt != null && !approvedAt.isBefore(linkedAt)
                    && (expiresAt == null || expiresAt.isAfter(now))) {
                return new Grant(GrantStatus.ACTIVE, expiresAt);
            }
            if (status == GrantStatus.PENDING) {
                pending = new Grant(GrantStatus.PENDING, null);
            }
        }
        return pending != null ? pending : new Grant(GrantStatus.NONE, null);
    }
}
