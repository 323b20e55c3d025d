package io.therapyms.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.events.asyncapi.AsyncApiDocument;

/** The AsyncAPI document holds every topic and every catalogued type, with its schema and golden sample. */
class AsyncApiDocumentTest {

    private final JsonNode doc = AsyncApiDocument.generate();

    @Test
    void hasOneChannelPerTopicAndOneMessagePerCataloguedType() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);

        List<String> names = new ArrayList<>();
        doc.path("components").path("messages").forEach(message -> names.add(message.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream().map(EventDescriptor::type).toList());
    }

    @Test
    void everyMessagePinsItsTypeAndCarriesItsGoldenSample() {
        for (EventDescriptor descriptor : EventCatalog.all()) {
            JsonNode message = findMessage(descriptor.type());
            assertThat(message.path("payload").toString()).contains("\"const\":\"" + descriptor.type() + "\"");
            assertThat(message.path("examples").get(0).path("payload").path("type").asText()).isEqualTo(descriptor.type());
        }
    }

    @Test
    void everyReferencePointsIntoTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1).replace("~1", "/")).isMissingNode()).as(ref).isFalse();
        });
    }

    @Test
    void theBuildWroteTheSameDocumentOntoTheClassPath() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AsyncApiDocument.RESOURCE)) {
            assertThat(in).as("built by exec-maven-plugin in process-classes").isNotNull();
            assertThat(new ObjectMapper().readTree(in)).isEqualTo(doc);
        }
    }

    private JsonNode findMessage(String type) {
        for (JsonNode message : doc.path("components").path("messages")) {
            if (message.path("name").asText().equals(type)) {
                return message;
            }
        }
        throw new AssertionError("no message " + type);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectRefs(child, refs));
    }
}
