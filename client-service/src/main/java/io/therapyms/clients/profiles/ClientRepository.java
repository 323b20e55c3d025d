package io.therapyms.clients.profiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.clients.config.ClientTables;
import io.therapyms.clients.config.NameIndexPages;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.clients.ClientProfileUpdated;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.outbox.Outbox;
import io.therapyms.platform.outbox.OutboxAttributes;
import io.therapyms.platform.outbox.StagedEvents;
import io.therapyms.platform.time.InstantText;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Client profiles in the clients table.
 * <pre>
 * pk = CLIENT#&lt;clientId&gt;  sk = PROFILE   gsi1pk = CLIENTS  gsi1sk = &lt;name lower-cased&gt;#&lt;clientId&gt;
 * </pre>
 * Keying by the user id makes "one profile per client" a conditional put. The directory index
 * (gsi1, one fixed partition) serves the admin's list and name-prefix search as a Query.
 */
@Singleton
public class ClientRepository {

    static final String PROFILE = "PROFILE";
    static final String DIRECTORY = "CLIENTS";

    /** A live profile: present and not a tombstone waiting for its ClientDeleted to go out. */
    private static final String LIVE = "attribute_exists(pk) AND attribute_not_exists(#deleted)";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    Outbox outbox;

    @Inject
    NameIndexPages nameIndex;

    /** Creates the profile and records ClientProfileCreated with it; false if one exists (or is being deleted). */
    public boolean create(ClientProfile profile) {
        Map<String, AttributeValue> item = new HashMap<>(key(profile.clientId()));
        item.put(TableSpec.GSI1_PK, AttributeValue.fromS(DIRECTORY));
        item.put(TableSpec.GSI1_SK, AttributeValue.fromS(directoryKey(profile.name(), profile.clientId())));
        item.put("clientId", AttributeValue.fromS(profile.clientId()));
        putOptional(item, "email", profile.email());
        item.put("name", AttributeValue.fromS(profile.name()));
        putOptional(item, "phone", profile.phone());
        putOptional(item, "dateOfBirth", profile.dateOfBirth());
        putOptional(item, "timezone", profile.timezone());
        putOptional(item, "pronouns", profile.pronouns());
        item.put("createdAt", AttributeValue.fromS(profile.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(profile.updatedAt().toString()));
        try {
            dynamo.putItem(p -> p.tableName(table())
                    .item(outbox.withEvents(item, new ClientProfileCreated(profile.clientId(), profile.name())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    public Optional<ClientProfile> find(String clientId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(key(clientId)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || Outbox.isTombstone(item)) {
            return Optional.empty();
        }
        return Optional.of(toProfile(item));
    }

    /**
     * Applies the changes if the profile is live and still has {@code expectedName}, so the
     * ClientProfileUpdated written with it carries the name that really results. Empty when the
     * profile is gone or its name changed meanwhile (the caller re-reads and retries).
     */
    Optional<ClientProfile> update(String clientId, String expectedName, ProfileChanges changes, Instant now) {
        String newName = changes.name() != null ? changes.name() : expectedName;
        StagedEvents staged = outbox.stage(new ClientProfileUpdated(clientId, newName));
        Map<String, String> names = new HashMap<>(staged.names());
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        List<String> sets = new ArrayList<>();
        names.put("#deleted", OutboxAttributes.DELETE_WHEN_SENT);
        names.put("#name", "name");
        values.put(":expectedName", AttributeValue.fromS(expectedName));
        set(sets, names, values, "name", changes.name());
        if (changes.name() != null) {
            set(sets, names, values, TableSpec.GSI1_SK, directoryKey(changes.name(), clientId));
        }
        set(sets, names, values, "phone", changes.phone());
        set(sets, names, values, "dateOfBirth", changes.dateOfBirth());
        set(sets, names, values, "timezone", changes.timezone());
        set(sets, names, values, "pronouns", changes.pronouns());
        set(sets, names, values, "updatedAt", now.toString());
        sets.add(staged.setClause());
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(u -> u.tableName(table()).key(key(clientId))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(LIVE + " AND #name = :expectedName")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            outbox.flushSoon();
            return Optional.of(toProfile(updated));
        } catch (ConditionalCheckFailedException goneOrRenamed) {
            return Optional.empty();
        }
    }

    /**
     * Turns the profile into a tombstone carrying ClientDeleted and takes it out of the directory
     * index at once; the relay deletes the item once the event is out. False if there was no live profile.
     */
    boolean delete(String clientId) {
        StagedEvents staged = outbox.stageDeletion(new ClientDeleted(clientId));
        Map<String, String> names = new HashMap<>(staged.names());
        names.put("#deleted", OutboxAttributes.DELETE_WHEN_SENT);
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(clientId))
                    .updateExpression("SET " + staged.setClause() + " REMOVE gsi1pk, gsi1sk")
                    .conditionExpression(LIVE)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(staged.values()));
        } catch (ConditionalCheckFailedException noLiveProfile) {
            return false;
        }
        outbox.flushSoon();
        return true;
    }

    /** Admin directory: Query on the directory partition of gsi1, optionally by name prefix. */
    Page<ClientProfile> listAll(String namePrefix, PageRequest page) {
        Page<Map<String, AttributeValue>> found = nameIndex.page(DIRECTORY, namePrefix, page, "clients:all");
        return new Page<>(found.items().stream().filter(i -> !Outbox.isTombstone(i))
                .map(ClientRepository::toProfile).toList(), found.nextCursor());
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
            String attribute, String value) {
        if (value == null) {
            return;
        }
        String placeholder = attribute.replace("gsi1sk", "directoryKey");
        names.put("#" + placeholder, attribute);
        values.put(":" + placeholder, AttributeValue.fromS(value));
        sets.add("#" + placeholder + " = :" + placeholder);
    }

    /** The directory sort key: the lower-cased name for prefix search, the id to keep it unique. */
    public static String directoryKey(String name, String clientId) {
        return normalizeName(name) + "#" + clientId;
    }

    public static String normalizeName(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static void putOptional(Map<String, AttributeValue> item, String attribute, String value) {
        if (value != null) {
            item.put(attribute, AttributeValue.fromS(value));
        }
    }

    private static String optional(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    static ClientProfile toProfile(Map<String, AttributeValue> item) {
        return new ClientProfile(item.get("clientId").s(), optional(item, "email"), item.get("name").s(),
                optional(item, "phone"), optional(item, "dateOfBirth"), optional(item, "timezone"),
                optional(item, "pronouns"), InstantText.parse(item.get("createdAt").s()),
                InstantText.parse(item.get("updatedAt").s()));
    }

    static Map<String, AttributeValue> key(String clientId) {
        return Map.of(TableSpec.PK, AttributeValue.fromS("CLIENT#" + clientId), TableSpec.SK, AttributeValue.fromS(PROFILE));
    }

    private String table() {
        return config.prefixed(ClientTables.MAIN);
    }

}
