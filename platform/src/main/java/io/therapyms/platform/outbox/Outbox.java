package io.therapyms.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCatalog;
import io.therapyms.events.EventCodec;
import io.therapyms.platform.tracing.TraceContexts;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records domain events in the same single-item write as the state change (no transactions, no
 * dual write). The {@link OutboxRelay} publishes them afterwards, at least once and in order per
 * item; a crash between the write and the publication only delays the event.
 * <p>
 * Events are encoded and checked against their JSON Schema here, so a malformed event fails the
 * write instead of reaching Kafka.
 */
@Singleton
public class Outbox {

    private static final EventCodec CODEC = new EventCodec();

    private final OutboxRelay relay;
    private final Clock clock;

    @Inject
    public Outbox(OutboxRelay relay, Clock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    /** The item of a PutItem with the events attached; the item must not carry an outbox yet. */
    public Map<String, AttributeValue> withEvents(Map<String, AttributeValue> item, DomainEvent... events) {
        requireEvents(events);
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(OutboxAttributes.EVENTS, AttributeValue.fromL(encode(events)));
        copy.put(OutboxAttributes.SHARD, AttributeValue.fromS(OutboxAttributes.shardFor(events[0].aggregateId())));
        copy.put(OutboxAttributes.ORDER, AttributeValue.fromS(OutboxAttributes.orderAt(clock.instant())));
        return copy;
    }

    /**
     * The SET fragment that appends the events to an UpdateItem. An item that is already pending keeps its place
     * in the relay's order ({@code if_not_exists}).
     */
    public StagedEvents stage(DomainEvent... events) {
        requireEvents(events);
        return new StagedEvents(
                "#outbox = list_append(if_not_exists(#outbox, :outboxNone), :outboxNew), #outboxShard = :outboxShard, "
                        + "#outboxOrder = if_not_exists(#outboxOrder, :outboxOrder)",
                Map.of("#outbox", OutboxAttributes.EVENTS, "#outboxShard", OutboxAttributes.SHARD,
                        "#outboxOrder", OutboxAttributes.ORDER),
                Map.of(":outboxNone", AttributeValue.fromL(List.of()),
                        ":outboxNew", AttributeValue.fromL(encode(events)),
                        ":outboxShard", AttributeValue.fromS(OutboxAttributes.shardFor(events[0].aggregateId())),
                        ":outboxOrder", AttributeValue.fromS(OutboxAttributes.orderAt(clock.instant()))));
    }

    /**
     * Like {@link #stage} for a deletion: the item stays as a tombstone (readers must treat items
     * with {@link OutboxAttributes#DELETE_WHEN_SENT} as gone) until the relay has published the
     * events, then the relay deletes it.
     */
    public StagedEvents stageDeletion(DomainEvent... events) {
        StagedEvents staged = stage(events);
        Map<String, String> names = new HashMap<>(staged.names());
        names.put("#outboxDelete", OutboxAttributes.DELETE_WHEN_SENT);
        Map<String, AttributeValue> values = new HashMap<>(staged.values());
        values.put(":outboxDelete", AttributeValue.fromBool(true));
        return new StagedEvents(staged.setClause() + ", #outboxDelete = :outboxDelete", names, values);
    }

    /** Asks the relay to publish soon, instead of at its next periodic round. Call after a successful write. */
    public void flushSoon() {
        relay.nudge();
    }

    public static boolean isTombstone(Map<String, AttributeValue> item) {
        AttributeValue flag = item.get(OutboxAttributes.DELETE_WHEN_SENT);
        return flag != null && Boolean.TRUE.equals(flag.bool());
    }

    private List<AttributeValue> encode(DomainEvent... events) {
        Instant now = clock.instant();
        // The relay publishes later, on its own thread: the trace of the request that caused the events is kept
        // with them (record headers) and in them (the CloudEvents distributed-tracing extension).
        Map<String, String> trace = TraceContexts.current();
        String traceparent = trace.get(OutboxAttributes.EVENT_TRACEPARENT);
        String tracestate = trace.get(OutboxAttributes.EVENT_TRACESTATE);
        List<AttributeValue> encoded = new ArrayList<>(events.length);
        for (DomainEvent event : events) {
            String id = UUID.randomUUID().toString();
            Map<String, AttributeValue> attributes = new HashMap<>();
            attributes.put(OutboxAttributes.EVENT_ID, AttributeValue.fromS(id));
            attributes.put(OutboxAttributes.EVENT_TOPIC, AttributeValue.fromS(EventCatalog.of(event.getClass()).topic()));
            attributes.put(OutboxAttributes.EVENT_KEY, AttributeValue.fromS(event.aggregateId()));
            attributes.put(OutboxAttributes.EVENT_PAYLOAD,
                    AttributeValue.fromS(CODEC.encode(event, id, now, traceparent, tracestate)));
            trace.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
            encoded.add(AttributeValue.fromM(attributes));
        }
        return encoded;
    }

    private static void requireEvents(DomainEvent[] events) {
        if (events == null || events.length == 0) {
            throw new IllegalArgumentException("At least one event is required");
        }
    }
}
