package io.therapyms.journal.access;

import static io.therapyms.platform.dynamo.Attrs.s;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.therapists.MappingApproved;
import io.therapyms.events.therapists.MappingEnded;
import io.therapyms.journal.config.JournalTables;
import io.therapyms.journal.entries.JournalService;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.consumer.IdempotentConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Links from therapists.events (MappingEnded also ends grants) and erasure from clients.events. */
@Singleton
public class JournalEventsConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    AccessRequestService requests;

    @Inject
    JournalService journal;

    @Incoming("therapists-events")
    @Blocking
    void onTherapistEvent(String record) {
        consumer.consume(record, this::apply);
    }

    @Incoming("clients-events")
    @Blocking
    void onClientEvent(String record) {
        consumer.consume(record, this::apply);
    }

    void apply(DecodedEvent event) {
        if (event.data() instanceof MappingApproved approved) {
            Map<String, AttributeValue> item = new HashMap<>(JournalAccess.key(approved.clientId(),
                    "LINK#" + approved.therapistId()));
            item.put("clientId", s(approved.clientId()));
            item.put("therapistId", s(approved.therapistId()));
            item.put("since", s(Times.format(Times.now())));
            dynamo.putItem(p -> p.tableName(table()).item(item));
        } else if (event.data() instanceof MappingEnded ended) {
            dynamo.deleteItem(d -> d.tableName(table()).key(JournalAccess.key(ended.clientId(),
                    "LINK#" + ended.therapistId())));
            requests.mappingEnded(ended.clientId(), ended.therapistId());
        } else if (event.data() instanceof ClientDeleted deleted) {
            journal.erase(deleted.clientId());
        }
    }

    private String table() {
        return config.prefixed(JournalTables.MAIN);
    }
}
