package io.therapyms.scheduling.links;

import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.scheduling.config.QueryPages;
import io.therapyms.scheduling.config.SchedulingTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The projection of therapist-service's mapping events: which client is linked to which therapist.
 * <pre>link: pk = LINK#clientId#therapistId  sk = LINK  state = linked | ended
 *       gsi1pk = CLINK#clientId gsi1sk = therapistId · gsi2pk = TLINK#therapistId gsi2sk = clientId</pre>
 */
@Singleton
public class Links {

    public record Pair(String clientId, String therapistId) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    QueryPages pages;

    public void set(String clientId, String therapistId, String state) {
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(TableSpec.PK, s(pk(clientId, therapistId)),
                TableSpec.SK, s("LINK"), TableSpec.GSI1_PK, s("CLINK#" + clientId), TableSpec.GSI1_SK, s(therapistId),
                TableSpec.GSI2_PK, s("TLINK#" + therapistId), TableSpec.GSI2_SK, s(clientId),
                "clientId", s(clientId), "therapistId", s(therapistId), "state", s(state))));
    }

    public boolean linked(String clientId, String therapistId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table()).consistentRead(true)
                .key(Map.of(TableSpec.PK, s(pk(clientId, therapistId)), TableSpec.SK, s("LINK")))).item();
        return item != null && "linked".equals(str(item, "state"));
    }

    public List<Pair> ofClient(String clientId) {
        return pairs(TableSpec.GSI1, "gsi1pk", "CLINK#" + clientId);
    }

    public List<Pair> ofTherapist(String therapistId) {
        return pairs(TableSpec.GSI2, "gsi2pk", "TLINK#" + therapistId);
    }

    private List<Pair> pairs(String index, String attribute, String partition) {
        return pages.all(pages.query(index, attribute + " = :pk", Map.of(":pk", s(partition)), null, true)).stream()
                .map(i -> new Pair(str(i, "clientId"), str(i, "therapistId"))).toList();
    }

    private static String pk(String clientId, String therapistId) {
        return "LINK#" + clientId + "#" + therapistId;
    }

    private String table() {
        return config.prefixed(SchedulingTables.MAIN);
    }
}
