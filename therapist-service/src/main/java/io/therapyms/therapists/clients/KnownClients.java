package io.therapyms.therapists.clients;

import static io.therapyms.platform.dynamo.Attrs.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.BatchReads;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.therapists.config.TherapistTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The clients this service knows, projected from events: {@code identity.events} UserRegistered with
 * role client (the client exists, with the sign-up name) and {@code clients.events}
 * ClientProfileCreated/Updated (the profile name wins) and ClientDeleted (the client is gone for good).
 * <pre>
 * pk = CLIENT#&lt;clientId&gt;  sk = CLIENT   {clientId, name, deleted}
 * </pre>
 */
@Singleton
public class KnownClients {

    static final String SK = "CLIENT";

    public record KnownClient(String clientId, String name) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    /** A registered client account: recorded unless already known (a profile name is not overwritten). */
    public void registered(String clientId, String name) {
        try {
            dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s(pk(clientId)), TableSpec.SK, s(SK),
                    "clientId", s(clientId), "name", s(name), "deleted", AttributeValue.fromBool(false)))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException known) {
            // already known, possibly with a profile name or deleted: nothing to do
        }
    }

    /** A profile was created or renamed; ignored once the client is deleted. */
    public void profileName(String clientId, String name) {
        try {
            dynamo.updateItem(u -> u.tableName(table()).key(key(clientId))
                    .updateExpression("SET clientId = :id, #name = :name, deleted = if_not_exists(deleted, :false)")
                    .conditionExpression("attribute_not_exists(deleted) OR deleted = :false")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(":id", s(clientId), ":name", s(name),
                            ":false", AttributeValue.fromBool(false))));
        } catch (ConditionalCheckFailedException deleted) {
            // erased clients stay erased
        }
    }

    /** The client is erased: their name is dropped and they can no longer be invited. */
    public void deleted(String clientId) {
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s(pk(clientId)), TableSpec.SK, s(SK),
                "clientId", s(clientId), "deleted", AttributeValue.fromBool(true))));
    }

    public Optional<KnownClient> find(String clientId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).key(key(clientId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || Boolean.TRUE.equals(item.get("deleted").bool())) {
            return Optional.empty();
        }
        return Optional.of(new KnownClient(clientId, item.containsKey("name") ? item.get("name").s() : null));
    }

    /** Names of the given clients by BatchGetItem (key lookups); unknown or deleted ones are absent. */
    public Map<String, String> names(List<String> clientIds) {
        Map<String, String> names = new HashMap<>();
        if (clientIds.isEmpty()) {
            return names;
        }
        List<Map<String, AttributeValue>> keys = clientIds.stream().distinct().map(KnownClients::key).toList();
        for (Map<String, AttributeValue> item : BatchReads.eventual(dynamo, table(), keys)) {
            if (!Boolean.TRUE.equals(item.get("deleted").bool()) && item.containsKey("name")) {
                names.put(item.get("clientId").s(), item.get("name").s());
            }
        }
        return names;
    }

    static Map<String, AttributeValue> key(String clientId) {
        return Map.of(TableSpec.PK, s(pk(clientId)), TableSpec.SK, s(SK));
    }

    private static String pk(String clientId) {
        return "CLIENT#" + clientId;
    }

    private String table() {
        return config.prefixed(TherapistTables.MAIN);
    }
}
