package io.therapyms.scheduling.calendar;

import static io.therapyms.platform.dynamo.Attrs.bool;
import static io.therapyms.platform.dynamo.Attrs.flag;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.time.SortableTime;
import io.therapyms.scheduling.config.SchedulingTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Display names of clients and therapists, projected from the profile events on the topics this service
 * already reads (clients.events, therapists.events), for calendar feeds created with {@code includeNames}.
 * <pre>name: pk = NAME#userId  sk = NAME  name, changedAt (event time, SortableTime), erased</pre>
 * The later event wins; an erasure removes the name for good (a replayed older profile event cannot
 * bring it back).
 */
@Singleton
public class PartyNames {

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    /** A profile event: the name as of {@code at}, unless a later one is stored or the user was erased. */
    public void named(String userId, String name, Instant at) {
        if (name == null) {
            return;
        }
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(userId))
                    .updateExpression("SET #name = :name, changedAt = :at")
                    .conditionExpression("(attribute_not_exists(changedAt) OR changedAt < :at) AND attribute_not_exists(erased)")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(":name", s(name), ":at", s(SortableTime.nanos(at)))));
        } catch (ConditionalCheckFailedException olderOrErased) {
            // a later name, or the user's erasure, is already stored
        }
    }

    /** ClientDeleted / TherapistDeleted: the name goes, and stays gone. */
    public void erase(String userId) {
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s("NAME#" + userId),
                TableSpec.SK, s("NAME"), "erased", bool(true))));
    }

    public Optional<String> of(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(userId))).item();
        if (item == null || item.isEmpty() || flag(item, "erased")) {
            return Optional.empty();
        }
        return Optional.ofNullable(str(item, "name")).filter(n -> !n.isBlank());
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of(TableSpec.PK, s("NAME#" + userId), TableSpec.SK, s("NAME"));
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
