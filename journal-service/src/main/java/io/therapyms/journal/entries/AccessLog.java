package io.therapyms.journal.entries;

import static io.therapyms.platform.dynamo.Attrs.s;
import static io.therapyms.platform.dynamo.Attrs.str;
import static io.therapyms.platform.dynamo.Attrs.strings;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.therapyms.journal.config.JournalTables;
import io.therapyms.platform.dynamo.Attrs;
import io.therapyms.journal.support.JournalProblems.AccessLogUnavailableException;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageCursors;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.dynamo.TableSpec;
import io.therapyms.platform.time.InstantText;
import io.therapyms.platform.time.SortableTime;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Every therapist read of a journal: pk = LOG#clientId, sk = at#id, written BEFORE the data is returned. */
@Singleton
public class AccessLog {

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(AccessLog.class);

    public record Record(String therapistId, AccessAction action, List<String> entryIds, Instant at) {
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    PageCursors cursors;

    /** Records the read; if that fails the read is refused (503), never served unrecorded. */
    public void record(String clientId, String therapistId, AccessAction action, List<String> entryIds) {
        Instant at = Times.now(clock);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableSpec.PK, s("LOG#" + clientId));
        item.put(TableSpec.SK, s(SortableTime.millis(at) + "#" + UUID.randomUUID()));
        item.put("therapistId", s(therapistId));
        item.put("action", s(action.wireName()));
        item.put("entryIds", strings(entryIds));
        item.put("at", s(SortableTime.millis(at)));
        try {
            dynamo.putItem(p -> p.tableName(table()).item(item));
        } catch (RuntimeException e) {
            LOG.errorf("Access log write failed (%s); the journal read is refused", e.getClass().getSimpleName());
            throw new AccessLogUnavailableException();
        }
    }

    public Page<Record> page(String clientId, PageRequest page) {
        String scope = "journal-access-log:" + clientId;
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table())
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("LOG#" + clientId)))
                .scanIndexForward(false).limit(page.limit()).exclusiveStartKey(cursors.decode(page.cursor(), scope))
                .build());
        List<Record> records = response.items().stream().map(i -> new Record(str(i, "therapistId"), AccessAction.stored(str(i, "action")),
                Attrs.list(i, "entryIds"), InstantText.parse(str(i, "at")))).toList();
        return new Page<>(records, response.hasLastEvaluatedKey() ? cursors.encode(response.lastEvaluatedKey(), scope) : null);
    }

    /** Erasure: every record of the client, by Query and batch deletes. */
    public void eraseAll(String clientId) {
        Erasure.deleteAll(dynamo, table(), "LOG#" + clientId);
    }

    private String table() {
        return config.prefixed(JournalTables.ACCESS_LOG);
    }
}
