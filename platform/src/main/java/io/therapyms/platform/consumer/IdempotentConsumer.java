package io.therapyms.platform.consumer;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.micrometer.core.instrument.MeterRegistry;

import io.therapyms.events.DecodedEvent;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.InvalidEventException;
import io.therapyms.platform.config.PlatformConfig;
import io.therapyms.platform.tracing.TraceContexts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one way services consume events. For each record it
 * <ol>
 * <li>decodes and schema-checks it — a poison record throws {@link PoisonEventException} at once;</li>
 * <li>skips it if this consumer already applied that event id (at-least-once delivery);</li>
 * <li>applies the handler, retrying a failing one with backoff;</li>
 * <li>remembers the event id, with an expiry, after the handler succeeded.</li>
 * </ol>
 * A record that still fails is thrown back to SmallRye, whose {@code dead-letter-queue} failure
 * strategy (configured on every incoming channel) sends it to {@code <topic>.dlq} and moves on, so a
 * partition never gets stuck. Use from a {@code @Blocking} {@code @Incoming} method:
 * <pre>{@code
 * @Incoming("therapists-events") @Blocking
 * void on(String record) { consumer.consume(record, this::apply); }
 * }</pre>
 * A handler that acts on some types only names them ({@link #consume(String, Set, EventHandler)}): records of the
 * other types then cost no store call at all.
 */
@Singleton
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final EventCodec CODEC = new EventCodec();
    private static final String POISON = "poison";
    private static final String FAILED = "failed";

    @Inject
    DynamoDbClient dynamo;

    @Inject
    PlatformConfig config;

    @Inject
    ProcessedEventsTable processedEvents;

    @ConfigProperty(name = "quarkus.application.name")
    String consumerName;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    /**
     * Whatever this throws goes to the channel's dead-letter topic, so it is counted here as
     * {@code tms.consumer.dead.lettered} (tag {@code reason}: {@code poison} or {@code failed}).
     */
    public void consume(String record, EventHandler handler) {
        consume(record, null, handler);
    }

    /**
     * As {@link #consume(String, EventHandler)}, for a handler that acts on {@code handledTypes} only. A record of
     * any other type is still decoded and schema-checked (a poison record is dead-lettered as always), then
     * acknowledged without the de-duplication read and write: ignoring an event is idempotent by itself. On topics
     * whose records are mostly of types a consumer ignores (journal entries, for the notifier and analytics), those
     * two calls were most of what the consumer asked of the store, and the store is shared with every outbox relay.
     * The set must name every type the handler acts on: a type left out is never applied.
     */
    public void consume(String record, Set<Class<? extends DomainEvent>> handledTypes, EventHandler handler) {
        consume(record, handledTypes, handler, true);
    }

    /**
     * As {@link #consume(String, Set, EventHandler)}, without the de-duplication read and write: only for a handler
     * that is idempotent by itself, where applying an event again, in any order with the others, leaves the same items
     * (every write keyed by the entity and guarded by the event's time and id, as analytics' read models are). Such a
     * handler must be that anyway, because a replay from the beginning or a redelivery after the de-duplication's
     * retention applies events again; the bookkeeping then only costs two store calls per event.
     */
    public void consumeWithoutDeduplication(String record, Set<Class<? extends DomainEvent>> handledTypes,
            EventHandler handler) {
        consume(record, handledTypes, handler, false);
    }

    private void consume(String record, Set<Class<? extends DomainEvent>> handledTypes, EventHandler handler,
            boolean deduplicate) {
        try {
            consumeOnce(record, handledTypes, handler, deduplicate);
        } catch (PoisonEventException e) {
            deadLettered(POISON).increment();
            throw e;
        } catch (RuntimeException e) {
            deadLettered(FAILED).increment();
            throw e;
        }
    }

    private Counter deadLettered(String reason) {
        return Counter.builder("tms.consumer.dead.lettered")
                .description("Records handed to the dead-letter topic: undecodable (poison) or failing every attempt")
                .tag("reason", reason).register(registry);
    }

    private void consumeOnce(String record, Set<Class<? extends DomainEvent>> handledTypes, EventHandler handler,
            boolean deduplicate) {
        DecodedEvent event = decode(record);
        if (handledTypes != null && !handledTypes.contains(event.data().getClass())) {
            LOG.tracef("Ignoring event %s: %s is not a type this consumer applies", event.envelope().id(),
                    event.envelope().type());
            return;
        }
        // The record's trace (the request that caused the event, kept through the outbox) continues here, so the
        // handler's calls and pushes belong to it.
        Span span = TraceContexts.startContinuing(tracer, event.envelope().type() + " process", SpanKind.CONSUMER,
                event.envelope().traceparent(), event.envelope().tracestate());
        if (span == null) {
            apply(event, handler, deduplicate);
            return;
        }
        try (Scope ignored = span.makeCurrent()) {
            span.setAttribute("messaging.message.id", event.envelope().id());
            apply(event, handler, deduplicate);
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void apply(DecodedEvent event, EventHandler handler, boolean deduplicate) {
        if (!deduplicate) {
            applyWithRetries(event, handler);
            return;
        }
        String eventKey = eventKey(event.envelope().id());
        if (alreadyApplied(eventKey)) {
            LOG.debugf("Skipping event %s: already applied", event.envelope().id());
            return;
        }
        applyWithRetries(event, handler);
        remember(eventKey);
    }

    /**
     * Whether this service's consumer has recorded the event as applied (and the record has not expired): what the
     * next delivery of the event would be skipped by. Written after the handler, so tests wait on it.
     */
    public boolean remembers(String eventId) {
        return alreadyApplied(eventKey(eventId));
    }

    private String eventKey(String eventId) {
        return consumerName + "#" + eventId;
    }

    private static DecodedEvent decode(String record) {
        if (record == null) {
            throw new PoisonEventException("empty record");
        }
        try {
            return CODEC.decode(record);
        } catch (InvalidEventException e) {
            throw new PoisonEventException(e.getMessage());
        }
    }

    private void applyWithRetries(DecodedEvent event, EventHandler handler) {
        int attempts = Math.max(1, config.consumer().attempts());
        long backoff = config.consumer().backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(event);
                return;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.errorf(e, "Event %s (%s) failed %d times; sending it to the dead-letter topic",
                            event.envelope().id(), event.envelope().type(), attempt);
                    throw e;
                }
                LOG.warnf("Event %s failed (attempt %d of %d), retrying: %s", event.envelope().id(), attempt, attempts, e);
                sleep(backoff * (1L << (attempt - 1)));
            }
        }
    }

    private boolean alreadyApplied(String eventKey) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table())
                .key(Map.of(ProcessedEventsTable.KEY, AttributeValue.fromS(eventKey)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        // Expiry is checked here too: the local store does not delete expired items.
        long expiresAt = Long.parseLong(item.get(ProcessedEventsTable.EXPIRES_AT).n());
        return expiresAt > clock.instant().getEpochSecond();
    }

    private void remember(String eventKey) {
        long expiresAt = clock.instant().plus(config.consumer().dedupRetention()).getEpochSecond();
        dynamo.putItem(p -> p.tableName(table()).item(Map.of(
                ProcessedEventsTable.KEY, AttributeValue.fromS(eventKey),
                ProcessedEventsTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)))));
    }

    private String table() {
        return config.prefixed(processedEvents.name());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during retry backoff", e);
        }
    }
}
