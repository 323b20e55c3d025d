package io.therapyms.therapists.profiles;

import static io.therapyms.platform.dynamo.Attrs.bool;
import static io.therapyms.platform.dynamo.Attrs.flag;
import static io.therapyms.platform.dynamo.Attrs.list;
import static io.therapyms.platform.dynamo.Attrs.merge;
import static io.therapyms.platform.dynamo.Attrs.n;
import static io.therapyms.platform.dynamo.Attrs.num;
import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;
import static io.therapyms.platform.dynamo.Attrs.strings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileCreated;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import io.therapyms.therapists.config.TherapistTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Therapist profiles.
 * <pre>
 * pk = THERAPIST#&lt;id&gt;  sk = PROFILE  gsi1pk = NAME#&lt;verified&gt;  gsi1sk = &lt;lower name&gt;#&lt;id&gt;
 * </pre>
 * The profile item is also the directory entry of the name index ({@code ?q=} and the unfiltered
 * directory); {@link DirectoryRepository} keeps the per-expertise and per-location entries.
 */
@Singleton
public class TherapistRepository {

    static final String SK = "PROFILE";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    /** Creates the profile with TherapistProfileCreated; false if the therapist has one. */
    public boolean create(Therapist therapist) {
        Map<String, AttributeValue> item = toItem(therapist);
        try {
            dynamo.putItem(p -> p.tableName(table())
                    .item(outbox.withEvents(item, new TherapistProfileCreated(therapist.therapistId(), therapist.name(),
                            therapist.verified(), therapist.timezone())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** The live profile (tombstones of deleted profiles are treated as absent). */
    public Optional<Therapist> find(String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(therapistId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || Outbox.isTombstone(item)) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    /** Replaces the profile with {@code updated} if its version is still {@code updated.version() - 1}. */
    public boolean update(Therapist updated, DomainEvent event) {
        StagedEvents staged = outbox.stage(event);
        Map<String, String> names = new HashMap<>(Map.of("#name", "name", "#location", "location", "#timezone", "timezone",
                "#version", "version", "#gsi1pk", TableSpec.GSI1_PK, "#gsi1sk", TableSpec.GSI1_SK));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":name", s(updated.name()));
        values.put(":expertise", strings(updated.expertise()));
        values.put(":location", s(updated.location()));
        values.put(":locationKey", s(Directory.normalize(updated.location())));
        values.put(":bio", s(updated.bio() == null ? "" : updated.bio()));
        values.put(":languages", strings(updated.languages()));
        values.put(":timezone", s(updated.timezone() == null ? "" : updated.timezone()));
        values.put(":accepting", bool(updated.acceptingClients()));
        values.put(":verified", bool(updated.verified()));
        values.put(":updatedAt", s(updated.updatedAt().toString()));
        values.put(":newVersion", n(updated.version()));
        values.put(":expected", n(updated.version() - 1));
        values.put(":gsi1pk", s(namePartition(updated.verified())));
        values.put(":gsi1sk", s(sortKey(updated)));
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(updated.therapistId()))
                    .updateExpression("SET #name = :name, expertise = :expertise, #location = :location, locationKey = :locationKey, bio = :bio, "
                            + "languages = :languages, #timezone = :timezone, acceptingClients = :accepting, verified = :verified, "
                            + "updatedAt = :updatedAt, #version = :newVersion, #gsi1pk = :gsi1pk, #gsi1sk = :gsi1sk, "
                            + staged.setClause())
                    .conditionExpression("#version = :expected AND attribute_not_exists(" + deleteFlag() + ")")
                    .expressionAttributeNames(merge(names, staged.names()))
                    .expressionAttributeValues(merge(values, staged.values())));
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** Turns the profile into a tombstone carrying TherapistDeleted; it leaves the name index at once. */
    public boolean delete(Therapist therapist) {
        StagedEvents staged = outbox.stageDeletion(new TherapistDeleted(therapist.therapistId()));
        Map<String, String> names = merge(Map.of("#version", "version"), staged.names());
        Map<String, AttributeValue> values = merge(Map.of(":expected", n(therapist.version()),
                ":newVersion", n(therapist.version() + 1)), staged.values());
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(therapist.therapistId()))
                    .updateExpression("SET #version = :newVersion, " + staged.setClause() + " REMOVE gsi1pk, gsi1sk")
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    static Map<String, AttributeValue> toItem(Therapist t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s(pk(t.therapistId())));
        item.put(TableSpec.SK, s(SK));
        item.put(TableSpec.GSI1_PK, s(namePartition(t.verified())));
        item.put(TableSpec.GSI1_SK, s(sortKey(t)));
        putFields(item, t);
        item.put("email", s(t.email() == null ? "" : t.email()));
        item.put("createdAt", s(t.createdAt().toString()));
        return item;
    }

    /** The fields every directory entry copies from the profile. */
    static void putFields(Map<String, AttributeValue> item, Therapist t) {
        item.put("therapistId", s(t.therapistId()));
        item.put("name", s(t.name()));
        item.put("expertise", strings(t.expertise()));
        item.put("location", s(t.location()));
        item.put("locationKey", s(Directory.normalize(t.location())));
        item.put("bio", s(t.bio() == null ? "" : t.bio()));
        item.put("languages", strings(t.languages()));
        item.put("timezone", s(t.timezone() == null ? "" : t.timezone()));
        item.put("acceptingClients", bool(t.acceptingClients()));
        item.put("verified", bool(t.verified()));
        item.put("updatedAt", s(t.updatedAt().toString()));
        item.put("version", n(t.version()));
    }

    static Therapist fromItem(Map<String, AttributeValue> item) {
        String bio = str(item, "bio");
        String createdAt = str(item, "createdAt");
        String email = str(item, "email");
        String timezone = str(item, "timezone");
        return new Therapist(str(item, "therapistId"), email == null || email.isEmpty() ? null : email,
                str(item, "name"), list(item, "expertise"), str(item, "location"),
                bio == null || bio.isEmpty() ? null : bio, list(item, "languages"),
                timezone == null || timezone.isEmpty() ? null : timezone, flag(item, "acceptingClients"),
                flag(item, "verified"), createdAt == null ? null : InstantText.parse(createdAt),
                InstantText.parse(str(item, "updatedAt")), num(item, "version"));
    }

    static String namePartition(boolean verified) {
        return "NAME#" + verified;
    }

    /** Directory order: lower-cased name, then id (unique, so pages never overlap). */
    static String sortKey(Therapist t) {
        return Directory.normalize(t.name()) + "#" + t.therapistId();
    }

    static String pk(String therapistId) {
        return "THERAPIST#" + therapistId;
    }

    static Map<String, AttributeValue> key(String therapistId) {
        return Map.of(TableSpec.PK, s(pk(therapistId)), TableSpec.SK, s(SK));
    }

    private static String deleteFlag() {
        return io.therapyms.platform.outbox.OutboxAttributes.DELETE_WHEN_SENT;
    }

    String table() {
        return config.prefixed(TherapistTables.MAIN);
    }
}
