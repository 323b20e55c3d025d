package io.therapyms.scheduling.sessions;

import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.n;
import static io.therapyms.platform.dynamo.Attrs.num;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import io.therapyms.scheduling.config.QueryPages;
import io.therapyms.scheduling.config.SchedulingTables;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * <pre>session: pk = SESS#sessionId sk = SESS (sessionId derived from slotId + requestId: a replay writes the same item)
 *          gsi1pk = CSESS#clientId · gsi2pk = TSESS#therapistId · gsi3pk = SESS (admin), each with sort key
 *          startKey#sessionId ({@link SortableTime#nanos}); {@code version} counts the changes (absent = 0),
 *          the calendar feed's SEQUENCE</pre>
 */
@Singleton
public class SessionRepository {

    private static final String CLIENT_PREFIX = "CSESS#";
    private static final String THERAPIST_PREFIX = "TSESS#";
    private static final String ALL = "SESS";

    /** Which of the session lists a Query reads. */
    record Partition(String index, String pkName, String skName, String value) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    QueryPages pages;

    public static String sessionIdFor(String slotId, String requestId) {
        return UUID.nameUUIDFromBytes(("session:" + slotId + ":" + requestId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Creates the session once; a second call (replay, retry) changes nothing. */
    public void createOnce(Session session) {
        Map<String, AttributeValue> item = new HashMap<>(key(session.sessionId()));
        String sort = SortableTime.nanos(session.startTime()) + "#" + session.sessionId();
        item.put(TableSpec.GSI1_PK, s(CLIENT_PREFIX + session.clientId()));
        item.put(TableSpec.GSI1_SK, s(sort));
        item.put(TableSpec.GSI2_PK, s(THERAPIST_PREFIX + session.therapistId()));
        item.put(TableSpec.GSI2_SK, s(sort));
        item.put(SchedulingTables.GSI3_PK, s(ALL));
        item.put(SchedulingTables.GSI3_SK, s(sort));
        item.put("sessionId", s(session.sessionId()));
        item.put("clientId", s(session.clientId()));
        item.put("therapistId", s(session.therapistId()));
        item.put("slotId", s(session.slotId()));
        item.put("requestId", s(session.requestId()));
        item.put("startTime", s(session.startTime().toString()));
        item.put("endTime", s(session.endTime().toString()));
        item.put("status", s(session.status().wireName()));
        item.put("sharedNotes", s(""));
        item.put("privateNotes", s(""));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // idempotent: the session of this approval exists already
        }
    }

    public Optional<Session> find(String sessionId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(sessionId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSession(item));
    }

    /** Writes status and notes if the status is still {@code expectedStatus}, with SessionUpdated. */
    public boolean update(Session updated, SessionStatus expectedStatus, DomainEvent event) {
        return write(updated.sessionId(), "#status = :status, sharedNotes = :shared, privateNotes = :private",
                Map.of(":status", s(updated.status().wireName()), ":shared", s(nz(updated.sharedNotes())),
                        ":private", s(nz(updated.privateNotes()))), expectedStatus, event);
    }

    /** Writes only the status (a cancellation leaves the notes as they are), with SessionUpdated. */
    public boolean setStatus(String sessionId, SessionStatus expectedStatus, SessionStatus status, DomainEvent event) {
        return write(sessionId, "#status = :status", Map.of(":status", s(status.wireName())), expectedStatus, event);
    }

    private boolean write(String sessionId, String setClause, Map<String, AttributeValue> values,
            SessionStatus expectedStatus, DomainEvent event) {
        StagedEvents staged = outbox.stage(event);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(sessionId))
                    .updateExpression("SET " + setClause + ", " + staged.setClause() + " ADD #version :one")
                    .conditionExpression("#status = :expected")
                    .expressionAttributeNames(merge(Map.of("#status", "status", "#version", "version"), staged.names()))
                    .expressionAttributeValues(merge(values, Map.of(":expected", s(expectedStatus.wireName()),
                            ":one", n(1)), staged.values())));
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    static Partition ofClient(String clientId) {
        return new Partition(TableSpec.GSI1, TableSpec.GSI1_PK, TableSpec.GSI1_SK, CLIENT_PREFIX + clientId);
    }

    static Partition ofTherapist(String therapistId) {
        return new Partition(TableSpec.GSI2, TableSpec.GSI2_PK, TableSpec.GSI2_SK, THERAPIST_PREFIX + therapistId);
    }

    static Partition ofAll() {
        return new Partition(SchedulingTables.GSI3, SchedulingTables.GSI3_PK, SchedulingTables.GSI3_SK, ALL);
    }

    /** A page of the partition's sessions starting in [from, to) (either open), by start time; {@code status} optional. */
    Page<Session> page(Partition partition, Instant from, Instant to, SessionStatus status, PageRequest page,
            String scope) {
        return pages.page(startingBetween(partition, from, to, status), page, scope, SessionRepository::toSession);
    }

    /** A session with the number of changes it has had (calendar feeds: SEQUENCE). */
    public record Versioned(Session session, long version) {
    }

    /** A client's ({@code client}) or therapist's sessions starting in [from, to), by start time: one Query. */
    public List<Versioned> ofParty(boolean client, String userId, Instant from, Instant to) {
        return pages.all(startingBetween(client ? ofClient(userId) : ofTherapist(userId), from, to, null)).stream()
                .map(item -> new Versioned(toSession(item), num(item, "version")))
                .toList();
    }

    /** Every session of the partition starting from {@code from} on (reactions to ended links and deletions). */
    List<Session> startingFrom(Partition partition, Instant from) {
        return pages.all(startingBetween(partition, from, null, null)).stream().map(SessionRepository::toSession)
                .toList();
    }

    /** Every session of the client, past and future, by start time (the client's export). */
    public List<Session> allOfClient(String clientId) {
        return startingFrom(ofClient(clientId), null);
    }

    /** startKey#id sorts after startKey, so a start at {@code to} is out; "~" sorts after every digit. */
    private QueryRequest startingBetween(Partition partition, Instant from, Instant to, SessionStatus status) {
        return pages.query(partition.index(), partition.pkName() + " = :pk AND " + partition.skName()
                + " BETWEEN :from AND :to", Map.of(":pk", s(partition.value()),
                        ":from", s(from == null ? "0" : SortableTime.nanos(from)), ":to", s(to == null ? "~" : SortableTime.nanos(to))),
                status == null ? null : status.wireName(), true);
    }

    static Session toSession(Map<String, AttributeValue> item) {
        return new Session(str(item, "sessionId"), str(item, "clientId"), str(item, "therapistId"),
                str(item, "slotId"), str(item, "requestId"), InstantText.parse(str(item, "startTime")),
                InstantText.parse(str(item, "endTime")), SessionStatus.stored(str(item, "status")), str(item, "sharedNotes"),
                str(item, "privateNotes"));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, AttributeValue> key(String sessionId) {
        return Map.of(TableSpec.PK, s("SESS#" + sessionId), TableSpec.SK, s("SESS"));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
