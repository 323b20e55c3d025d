package io.therapyms.events;

import static java.util.stream.Collectors.toUnmodifiableMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.ClasspathSchemaLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns event records into CloudEvents JSON and back, holding both directions to the type's JSON Schema:
 * a producer bug fails at {@link #encode} instead of reaching Kafka, and a poison record fails at
 * {@link #decode} with an {@link InvalidEventException} fit for the dead-letter topic.
 *
 * <p>Thread-safe and costly to build (it loads every schema): share one instance.
 */
public final class EventCodec {

    private static final int MAX_REPORTED_VIOLATIONS = 5;
    private static final int MAX_ECHOED_TYPE_LENGTH = 120;

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // The schema decides which attributes are allowed; binding happens after it has passed.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A repeated "type" or "subject" could make the schema and the binding see different values.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, JsonSchema> schemasByType;

    public EventCodec() {
        // "email" is checked by EmailAddresses (syntax, no list of top-level domains), the rule sign-up applies too.
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .format(new EmailFormat())
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(metaSchema)
                // Our own class loader, not the thread's: the schemas live in this jar whoever calls.
                .schemaLoaders(loaders -> loaders.add(new ClasspathSchemaLoader(EventCodec.class::getClassLoader))));
        // Draft 2020-12 treats "format" (uuid, date-time, email) as an annotation unless told to assert it.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schemasByType = EventCatalog.all().stream()
                .collect(toUnmodifiableMap(EventDescriptor::type, descriptor -> load(factory, config, descriptor)));
    }

    private static final class EmailFormat implements Format {

        @Override
        public String getName() {
            return "email";
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            return EmailAddresses.isWellFormed(value);
        }
    }

    private static JsonSchema load(
            JsonSchemaFactory factory, SchemaValidatorsConfig config, EventDescriptor descriptor) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:" + descriptor.schemaResource()), config);
        // Resolves every $ref now, so a broken schema fails at start-up rather than on the first event.
        schema.initializeValidators();
        return schema;
    }

    /** The envelope for {@code data}: type, source and subject come from the catalogue and the record. */
    public CloudEvent envelope(DomainEvent data, String eventId, Instant time) {
        return envelope(data, eventId, time, null, null);
    }

    /** As above, with the W3C trace context of the cause (CloudEvents distributed tracing); either may be null. */
    public CloudEvent envelope(DomainEvent data, String eventId, Instant time, String traceparent, String tracestate) {
        EventDescriptor descriptor = EventCatalog.of(data.getClass());
        return new CloudEvent(CloudEvent.SPEC_VERSION, eventId, descriptor.source(), descriptor.type(), time,
                data.aggregateId(), CloudEvent.DATA_CONTENT_TYPE, mapper.valueToTree(data), traceparent,
                tracestate == null || tracestate.isEmpty() ? null : tracestate);
    }

    public String encode(DomainEvent data, String eventId, Instant time) {
        return encode(envelope(data, eventId, time));
    }

    public String encode(DomainEvent data, String eventId, Instant time, String traceparent, String tracestate) {
        return encode(envelope(data, eventId, time, traceparent, tracestate));
    }

    /** @throws InvalidEventException if the event does not conform to its type's schema */
    public String encode(CloudEvent event) {
        JsonNode tree = mapper.valueToTree(event);
        check(tree);
        return tree.toString();
    }

    /** @throws InvalidEventException if {@code json} is not a valid event of a catalogued type */
    public DecodedEvent decode(String json) {
        return check(parse(json));
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("not JSON: empty record");
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    private DecodedEvent check(JsonNode tree) {
        if (!tree.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        JsonNode typeAttribute = tree.get("type");
        if (typeAttribute == null || !typeAttribute.isTextual()) {
            throw new InvalidEventException("no string attribute 'type'");
        }
        String type = typeAttribute.textValue();
        EventDescriptor descriptor = EventCatalog.byType(type)
                .orElseThrow(() -> new InvalidEventException("unknown event type '" + truncate(type) + "'"));

        List<String> violations = schemasByType.get(type).validate(tree).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type + " violates its schema: " + summarise(violations));
        }

        CloudEvent envelope = bind(tree, CloudEvent.class, type);
        DomainEvent data = bind(tree.get("data"), descriptor.dataClass(), type);
        // Consumers key and order by subject; it must name the aggregate the data is about.
        if (!envelope.subject().equals(data.aggregateId())) {
            throw new InvalidEventException(type + " subject " + envelope.subject()
                    + " is not the aggregate id " + data.aggregateId());
        }
        return new DecodedEvent(envelope, data);
    }

    private <T> T bind(JsonNode node, Class<T> target, String type) {
        try {
            return mapper.treeToValue(node, target);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type + " does not bind to " + target.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String summarise(List<String> violations) {
        String shown = String.join("; ", violations.subList(0, Math.min(violations.size(), MAX_REPORTED_VIOLATIONS)));
        int hidden = violations.size() - MAX_REPORTED_VIOLATIONS;
        return hidden > 0 ? shown + "; and " + hidden + " more" : shown;
    }

    private static String truncate(String untrusted) {
        return untrusted.length() <= MAX_ECHOED_TYPE_LENGTH
                ? untrusted
                : untrusted.substring(0, MAX_ECHOED_TYPE_LENGTH) + "...";
    }
}
