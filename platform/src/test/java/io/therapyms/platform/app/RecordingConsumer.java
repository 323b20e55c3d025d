package io.therapyms.platform.app;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.messaging.MessageSent;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * Applies MessageSent events by recording their ids. A message whose senderId is in
 * {@link #failingSenders} makes the handler throw, to exercise retries and the DLQ.
 */
@Singleton
public class RecordingConsumer {

    @Inject
    IdempotentConsumer consumer;

    public final List<String> appliedMessageIds = new CopyOnWriteArrayList<>();
    public final Set<String> failingSenders = ConcurrentHashMap.newKeySet();
    public final AtomicInteger attempts = new AtomicInteger();
    /** The trace id current while each message was applied (all zeros when none). */
    public final java.util.Map<String, String> traceIds = new ConcurrentHashMap<>();

    @Incoming("test-events")
    @Blocking
    void on(String record) {
        consumer.consume(record, this::apply);
    }

    private void apply(DecodedEvent event) {
        attempts.incrementAndGet();
        if (event.data() instanceof MessageSent sent) {
            if (failingSenders.contains(sent.senderId())) {
                throw new IllegalStateException("simulated failure");
            }
            traceIds.put(sent.messageId(), io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId());
            appliedMessageIds.add(sent.messageId());
        }
    }

    public long timesApplied(String messageId) {
        return appliedMessageIds.stream().filter(messageId::equals).count();
    }
}
