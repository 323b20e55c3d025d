package io.therapyms.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvents 1.0 event in structured mode: component names are the JSON attribute names.
 * Build one with {@link EventCodec#envelope}, which fills type, source and subject from the catalogue.
 * <p>
 * {@code traceparent} and {@code tracestate} are the CloudEvents distributed-tracing extension: the W3C trace
 * context of the request that caused the event, absent when there was none (tracing off, or no request).
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent,
        @JsonInclude(JsonInclude.Include.NON_NULL) String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Content type of a whole record value in structured mode, for the Kafka {@code content-type} header. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
}
