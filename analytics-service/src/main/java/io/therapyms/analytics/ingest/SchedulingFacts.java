package io.therapyms.analytics.ingest;

import static io.therapyms.analytics.ingest.Facts.KIND;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.AnalyticsTables;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.config.Update;
import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.events.scheduling.SlotDeleted;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sessions, slots and appointment requests, one item each, keyed by their own id. Facts that never change (times,
 * parties) are written by whichever event brings them; the state is the one of the latest event by (time, id),
 * so duplicates and any delivery order end in the same item.
 * <pre>session: pk = SESS#sessionId sk = F  therapistId clientId startTime endTime status statusVersion cancelledAt cancelledBy
 *   gsi1 = T#therapistId / start#S#sessionId · gsi2 = P#therapistId#clientId / start#sessionId · gsi3 = C#clientId / SESS#id
 * slot:    pk = SLOT#slotId sk = F     therapistId startTime endTime deletedAt · gsi1 = T#therapistId / start#O#slotId
 *   (no gsi1 once deleted)
 * request: pk = AREQ#requestId sk = F  therapistId clientId receivedAt outcome outcomeVersion decidedAt
 *   gsi1 = T#therapistId / received#R#requestId · gsi3 = C#clientId / AREQ#id</pre>
 */
@Singleton
public class SchedulingFacts {

    @Inject
    Store store;

    @Inject
    DayAggregates days;

    public void slots(SlotsCreated created) {
        if (created.slots() == null) {
            return; // published before slots carried their times: no offered hours to learn
        }
        for (SlotsCreated.SlotTimes slot : created.slots()) {
            // a withdrawal applied first (a replay, another order) keeps the slot off the time line
            store.updateIf("SLOT#" + slot.slotId(), "F", Update.of().set(KIND, Facts.SLOT)
                    .set("therapistId", created.therapistId()).set("startTime", TimeKeys.key(slot.startTime()))
                    .set("endTime", TimeKeys.key(slot.endTime()))
                    .set(TableSpec.GSI1_PK, Facts.timeline(created.therapistId()))
                    .set(TableSpec.GSI1_SK, TimeKeys.key(slot.startTime()) + "#" + Facts.SLOT_MARK + "#" + slot.slotId())
                    .when("attribute_not_exists(#deletedAt)", Map.of(), "deletedAt"));
        }
        days.mark(created.therapistId(), created.slots().stream().map(SlotsCreated.SlotTimes::startTime).toList());
    }

    /** A withdrawn slot offers no hours: it leaves the time line, whichever of its two events comes first. */
    public void slotDeleted(SlotDeleted deleted, Instant at) {
        store.update("SLOT#" + deleted.slotId(), "F", Update.of().set(KIND, Facts.SLOT)
                .set("therapistId", deleted.therapistId()).set("startTime", TimeKeys.key(deleted.startTime()))
                .set("endTime", TimeKeys.key(deleted.endTime())).setOnce("deletedAt", TimeKeys.key(at))
                .remove(TableSpec.GSI1_PK, TableSpec.GSI1_SK));
        days.mark(deleted.therapistId(), deleted.startTime());
    }

    /** The session as booked: its times, the parties, and "scheduled" as of the approval. */
    public void booked(String sessionId, String therapistId, People.Client client, Instant start, Instant end,
            Instant at, String eventId) {
        Update facts = sessionFacts(sessionId, therapistId, client).set("startTime", TimeKeys.key(start))
                .set("endTime", TimeKeys.key(end)).set(TableSpec.GSI1_PK, Facts.timeline(therapistId))
                .set(TableSpec.GSI1_SK, TimeKeys.key(start) + "#" + Facts.SESSION_MARK + "#" + sessionId);
        if (!client.erased()) {
            facts.set(TableSpec.GSI2_PK, Facts.pairSessions(therapistId, client.id()))
                    .set(TableSpec.GSI2_SK, TimeKeys.key(start) + "#" + sessionId);
        }
        store.update("SESS#" + sessionId, "F", facts);
        status(sessionId, SessionStatus.SCHEDULED.wire(), at, eventId);
        days.mark(therapistId, start);
    }

    /** {@code status} and {@code cancelledBy} as the event carries them: stored as received (see SessionStatus). */
    public void updated(String sessionId, String therapistId, People.Client client, String status, String cancelledBy,
            Instant at, String eventId) {
        Map<String, AttributeValue> session = store.updateReturning("SESS#" + sessionId, "F",
                sessionFacts(sessionId, therapistId, client));
        status(sessionId, status, at, eventId);
        if (SessionStatus.fromWire(status) == SessionStatus.CANCELLED) {
            // The first cancellation is the one that counts (a later edit of a cancelled session repeats the status
            // without a party); min over the events, so any order gives the same time and party.
            Update cancel = Update.of().set("cancelledAt", TimeKeys.key(at))
                    .when("attribute_not_exists(#cancelledAt) OR #cancelledAt > :cancelledAt", java.util.Map.of(),
                            "cancelledAt");
            if (cancelledBy == null) {
                cancel.remove("cancelledBy");
            } else {
                cancel.set("cancelledBy", cancelledBy);
            }
            store.updateIf("SESS#" + sessionId, "F", cancel);
        }
        markTimeline(session, "startTime");
    }

    /** The fact's day, if it is on a time line yet (an update that came before the fact's first event is not). */
    private void markTimeline(Map<String, AttributeValue> fact, String timeAttribute) {
        if (fact.containsKey(TableSpec.GSI1_PK) && fact.containsKey(timeAttribute)) {
            days.mark(str(fact, "therapistId"), TimeKeys.parse(str(fact, timeAttribute)));
        }
    }

    private void status(String sessionId, String status, Instant at, String eventId) {
        store.updateIf("SESS#" + sessionId, "F",
                Update.of().set("status", status).ifNewer("statusVersion", TimeKeys.version(at, eventId)));
    }

    private static Update sessionFacts(String sessionId, String therapistId, People.Client client) {
        Update facts = Update.of().set(KIND, Facts.SESSION).set("therapistId", therapistId).set("clientId", client.id());
        if (!client.erased()) {
            facts.set(AnalyticsTables.GSI3_PK, Facts.ofClient(client.id())).set(AnalyticsTables.GSI3_SK, "SESS#" + sessionId);
        }
        return facts;
    }

    public void requested(String requestId, String therapistId, People.Client client, Instant at) {
        store.update("AREQ#" + requestId, "F", requestFacts(requestId, therapistId, client)
                .set("receivedAt", TimeKeys.key(at)).set(TableSpec.GSI1_PK, Facts.timeline(therapistId))
                .set(TableSpec.GSI1_SK, TimeKeys.key(at) + "#" + Facts.REQUEST_MARK + "#" + requestId));
        days.mark(therapistId, at);
    }

    /** approved, rejected or cancelled: the latest event's outcome, with its time. */
    public void decided(String requestId, String therapistId, People.Client client, RequestOutcome outcome, Instant at,
            String eventId) {
        Map<String, AttributeValue> request = store.updateReturning("AREQ#" + requestId, "F",
                requestFacts(requestId, therapistId, client));
        store.updateIf("AREQ#" + requestId, "F", Update.of().set("outcome", outcome.wire()).set("decidedAt", TimeKeys.key(at))
                .ifNewer("outcomeVersion", TimeKeys.version(at, eventId)));
        markTimeline(request, "receivedAt");
    }

    private static Update requestFacts(String requestId, String therapistId, People.Client client) {
        Update facts = Update.of().set(KIND, Facts.REQUEST).set("therapistId", therapistId).set("clientId", client.id());
        if (!client.erased()) {
            facts.set(AnalyticsTables.GSI3_PK, Facts.ofClient(client.id())).set(AnalyticsTables.GSI3_SK, "AREQ#" + requestId);
        }
        return facts;
    }
}
