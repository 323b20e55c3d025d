package io.therapyms.analytics.ingest;

import static io.therapyms.analytics.ingest.Facts.KIND;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.AnalyticsTables;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.config.Update;
import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ClientDeleted: the client's name, rows and own message copies go; every fact that counts in a therapist's
 * figures stays, under a random token instead of the client's id, so the counts do not change. Idempotent: a
 * second sweep finds nothing left under the client's id.
 */
@Singleton
public class Erasure {

    @Inject
    Store store;

    @Inject
    People people;

    @Inject
    DayAggregates days;

    @Inject
    LinkFacts links;

    public void erase(String clientId, Instant at) {
        // The marker first: from here on every writer files the client's new facts under the token.
        String token = people.markErased(clientId, at);
        sweep(clientId, token);
    }

    /** Removes or re-keys whatever still holds the client's id (also run when a writer raced the erasure). */
    public void sweep(String clientId, String token) {
        people.forgetClient(clientId);
        store.query(TableSpec.GSI1, Facts.timeline(clientId), null, null).forEach(store::delete);
        days.forget(clientId);
        // The therapists' day aggregates key reply runs by the counterpart: their days are recomputed at once,
        // so that no aggregate names the client once this returns.
        Map<String, Set<Instant>> daysToRecompute = new HashMap<>();
        for (Map<String, AttributeValue> item : store.query(AnalyticsTables.GSI3, Facts.ofClient(clientId), null, null)) {
            anonymise(item, token);
            if (Facts.MESSAGE.equals(str(item, KIND)) && item.containsKey(TableSpec.GSI1_PK)) {
                daysToRecompute.computeIfAbsent(str(item, "ownerId"), owner -> new HashSet<>())
                        .add(TimeKeys.parse(str(item, "sentAt")));
            }
        }
        daysToRecompute.forEach((owner, times) -> {
            days.mark(owner, times);
            times.stream().map(DayAggregates::day).distinct().forEach(day -> days.recompute(owner, day, false));
        });
    }

    private void anonymise(Map<String, AttributeValue> item, String token) {
        String pk = str(item, TableSpec.PK);
        String sk = str(item, TableSpec.SK);
        String kind = str(item, KIND);
        String therapistId = str(item, "therapistId");
        Update update = Update.of().remove(AnalyticsTables.GSI3_PK, AnalyticsTables.GSI3_SK);
        switch (kind == null ? "" : kind) {
            case Facts.GRANT -> {
                store.delete(item);
                return;
            }
            case Facts.MESSAGE -> update.set("counterpartId", token).remove(TableSpec.GSI2_PK, TableSpec.GSI2_SK);
            case Facts.SESSION -> update.set("clientId", token).remove(TableSpec.GSI2_PK, TableSpec.GSI2_SK);
            case Facts.LINK -> update.set("clientId", token).set("erased", AttributeValue.fromBool(true))
                    .set(TableSpec.GSI2_PK, Facts.pairApprovals(therapistId, token));
            case Facts.LINK_END -> update.set("clientId", token).set(TableSpec.GSI2_PK, Facts.pairEnds(therapistId, token));
            default -> update.set("clientId", token);
        }
        store.update(pk, sk, update);
        links.reKeyed(kind, pk, therapistId, token, item);
    }
}
