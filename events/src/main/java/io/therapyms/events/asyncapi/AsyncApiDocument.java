package io.therapyms.events.asyncapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.therapyms.events.EventCatalog;
import io.therapyms.events.EventDescriptor;
import io.therapyms.events.Topics;

/**
 * The AsyncAPI 3.0 document of every topic and event type, generated from {@link EventCatalog}, the JSON Schemas
 * and the golden samples: the one source, so the document cannot drift from what the codec enforces. The build
 * writes it to {@code events/asyncapi.json} on this module's class path ({@link #main}); the gateway serves it.
 * <p>
 * The schemas are draft 2020-12 with a shared {@code envelope.json}; AsyncAPI's default schema format is draft-07
 * based, where a {@code $ref} beside other keywords is ignored. So each type becomes {@code allOf} [envelope, its
 * own pins and data], and the envelope's {@code $defs} become component schemas the references point to.
 */
public final class AsyncApiDocument {

    /** Where the document lives on the class path. */
    public static final String RESOURCE = "events/asyncapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/cloudevents+json";
    private static final String ENVELOPE = "CloudEventEnvelope";
    private static final Map<String, String> TOPIC_DESCRIPTIONS = Map.of(
            Topics.IDENTITY, "Accounts and token revocations, from auth-service.",
            Topics.CLIENTS, "Client profiles and their deletion, from client-service.",
            Topics.THERAPISTS, "Therapist profiles, verification and client-therapist mappings, from therapist-service.",
            Topics.SCHEDULING, "Slots, appointment requests and sessions, from scheduling-service.",
            Topics.JOURNAL, "Journal entries (ids only) and journal access grants, from journal-service.",
            Topics.MESSAGING, "Messages (ids only), read receipts and calls, from messaging-service.");

    private AsyncApiDocument() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve(RESOURCE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generate()) + "\n");
    }

    /** Builds the document from the catalogue and the schemas and samples on the class path. */
    public static ObjectNode generate() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Therapy Management System events");
        info.put("version", "1.0.0");
        info.put("description", "Every domain event the services publish on Kafka, one channel per topic. Records are"
                + " structured CloudEvents 1.0 (content-type application/cloudevents+json); the Kafka key is the"
                + " event's subject, the aggregate id. Events carry ids, states and times, never clinical content."
                + " Delivery is at least once: deduplicate on the CloudEvent id. Poison records of our own consumers"
                + " go to <topic>.dlq.");
        doc.put("defaultContentType", CONTENT_TYPE);
        ObjectNode server = doc.putObject("servers").putObject("local");
        server.put("host", "localhost:9092");
        server.put("protocol", "kafka");
        server.put("description", "The broker ./run starts; elsewhere KAFKA_BOOTSTRAP_SERVERS. Topic names may carry"
                + " the deployment's TMS_RESOURCE_PREFIX.");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");
        addEnvelope(schemas);

        for (String topic : Topics.ALL) {
            String channelId = channelId(topic);
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic);
            channel.put("title", topic);
            channel.put("description", TOPIC_DESCRIPTIONS.getOrDefault(topic, topic));
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("publish" + capitalised(channelId));
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            operation.put("summary", "The producing service publishes these events on " + topic + ".");
            ArrayNode operationMessages = operation.putArray("messages");
            for (EventDescriptor descriptor : EventCatalog.onTopic(topic)) {
                String messageId = messageId(descriptor);
                messages.set(messageId, message(descriptor));
                channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
                operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
            }
        }
        return doc;
    }

    /** {@code therapy.scheduling.AppointmentRequested.v1} → {@code AppointmentRequested.v1}, unique in the catalogue. */
    static String messageId(EventDescriptor descriptor) {
        String type = descriptor.type();
        String withoutVersion = type.substring(0, type.lastIndexOf('.'));
        return type.substring(withoutVersion.lastIndexOf('.') + 1).replace('.', '_');
    }

    /** {@code scheduling.events} → {@code schedulingEvents}. */
    static String channelId(String topic) {
        String[] parts = topic.split("\\.");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            id.append(capitalised(parts[i]));
        }
        return id.toString();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static ObjectNode message(EventDescriptor descriptor) {
        ObjectNode schema = (ObjectNode) read(descriptor.schemaResource());
        ObjectNode message = JSON.createObjectNode();
        message.put("name", descriptor.type());
        message.put("title", descriptor.type());
        message.put("summary", schema.path("description").asText(descriptor.type()));
        message.put("contentType", CONTENT_TYPE);

        ObjectNode own = schema.deepCopy();
        own.remove(java.util.List.of("$schema", "$ref", "title", "description"));
        rewriteRefs(own);
        ObjectNode payload = message.putObject("payload");
        payload.put("description", schema.path("description").asText());
        ArrayNode allOf = payload.putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/" + ENVELOPE);
        allOf.add(own);

        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", "The aggregate id, equal to the CloudEvent subject.");
        kafka.put("bindingVersion", "0.5.0");

        ObjectNode example = message.putArray("examples").addObject();
        example.put("name", "golden sample");
        example.set("payload", read(descriptor.sampleResource()));
        return message;
    }

    private static void addEnvelope(ObjectNode schemas) {
        ObjectNode envelope = (ObjectNode) read("events/schemas/envelope.json");
        JsonNode defs = envelope.remove("$defs");
        envelope.remove("$schema");
        rewriteRefs(envelope);
        schemas.set(ENVELOPE, envelope);
        if (defs != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> def = it.next();
                JsonNode copy = def.getValue().deepCopy();
                rewriteRefs(copy);
                schemas.set(def.getKey(), copy);
            }
        }
    }

    /** {@code envelope.json}, {@code envelope.json#/$defs/x} and {@code #/$defs/x} → the component schemas. */
    private static void rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (target.equals("envelope.json")) {
                    object.set("$ref", TextNode.valueOf("#/components/schemas/" + ENVELOPE));
                } else if (target.contains("#/$defs/")) {
                    object.set("$ref", TextNode.valueOf("#/components/schemas/" + target.substring(target.indexOf("#/$defs/") + 8)));
                }
            }
            object.elements().forEachRemaining(AsyncApiDocument::rewriteRefs);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(AsyncApiDocument::rewriteRefs);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
