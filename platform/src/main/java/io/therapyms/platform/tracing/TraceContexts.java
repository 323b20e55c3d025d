package io.therapyms.platform.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context carried by hand where no instrumentation carries it: through the outbox (the relay publishes
 * later, on its own thread) and through service-internal topics. With tracing off (no
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}) the API is a no-op: {@link #current()} is empty and spans are not recorded.
 */
public final class TraceContexts {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {
    }

    /** {@code traceparent} (and a non-empty {@code tracestate}) of the current span; empty when there is none. */
    public static Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, (map, name, value) -> {
            if (map != null && value != null && !value.isEmpty() && (TRACEPARENT.equals(name) || TRACESTATE.equals(name))) {
                map.put(name, value);
            }
        });
        return carrier;
    }

    /**
     * A started span whose parent is the given context, unless the current span already belongs to that trace (an
     * instrumentation continued it), in which case the span is a child of the current one. Null when
     * {@code traceparent} is null: the work then runs in whatever context is current. End it.
     */
    public static Span startContinuing(Tracer tracer, String name, SpanKind kind, String traceparent, String tracestate) {
        if (traceparent == null) {
            return null;
        }
        Context parent;
        String currentTrace = Span.current().getSpanContext().getTraceId();
        if (Span.current().getSpanContext().isValid() && traceparent.regionMatches(3, currentTrace, 0, currentTrace.length())) {
            parent = Context.current();
        } else {
            Map<String, String> carrier = new HashMap<>();
            carrier.put(TRACEPARENT, traceparent);
            if (tracestate != null) {
                carrier.put(TRACESTATE, tracestate);
            }
            parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP);
        }
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }

    /** The names this class reads and writes, for carriers that copy them one by one. */
    public static List<String> names() {
        return List.of(TRACEPARENT, TRACESTATE);
    }
}
