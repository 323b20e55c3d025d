package io.therapyms.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in schemas and golden samples agree with the catalogue and with the records. */
class SchemasAndSamplesTest {

    /** Shared definitions that every per-type schema refers to; not an event type itself. */
    private static final String SHARED_ENVELOPE_SCHEMA = "envelope.json";

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<EventDescriptor> descriptors() {
        return EventCatalog.all();
    }

    @Test
    void everyCatalogEntryHasASchemaAndASampleAndNoFileLacksAnEntry() throws Exception {
        List<String> catalogFiles = EventCatalog.all().stream().map(descriptor -> descriptor.type() + ".json").toList();

        assertThat(filesIn("events/schemas")).containsExactlyInAnyOrderElementsOf(
                Stream.concat(catalogFiles.stream(), Stream.of(SHARED_ENVELOPE_SCHEMA)).toList());
        assertThat(filesIn("events/samples")).containsExactlyInAnyOrderElementsOf(catalogFiles);
    }

    @Test
    void everySchemaIsAValidDraft202012Schema() throws Exception {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        for (String file : filesIn("events/schemas")) {
            JsonNode schema = JSON.readTree(SchemasAndSamplesTest.class.getClassLoader()
                    .getResource("events/schemas/" + file));
            assertThat(metaSchema.validate(schema)).as(file).isEmpty();
        }
    }

    @Test
    void referenceEventsCoverEveryCatalogEntryOnce() {
        assertThat(ReferenceEvents.ALL).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(
                        EventCatalog.all().stream().map(EventDescriptor::dataClass).toList());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void goldenSampleConformsToItsSchemaAndHoldsTheReferenceRecord(EventDescriptor descriptor) {
        DecodedEvent decoded = CODEC.decode(GoldenSamples.of(descriptor));

        assertThat(decoded.envelope().type()).isEqualTo(descriptor.type());
        assertThat(decoded.data()).isEqualTo(referenceEvent(descriptor));
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void producingTheReferenceRecordYieldsTheGoldenSample(EventDescriptor descriptor) throws IOException {
        JsonNode sample = JSON.readTree(GoldenSamples.of(descriptor));
        CloudEvent sampleEnvelope = CODEC.decode(sample.toString()).envelope();

        String produced = CODEC.encode(referenceEvent(descriptor), sampleEnvelope.id(), sampleEnvelope.time());

        assertThat(JSON.readTree(produced)).isEqualTo(sample);
    }

    private static DomainEvent referenceEvent(EventDescriptor descriptor) {
        return ReferenceEvents.ALL.stream()
                .filter(event -> event.getClass() == descriptor.dataClass())
                .findFirst()
                .orElseThrow();
    }

    private static List<String> filesIn(String resourceFolder) throws IOException, URISyntaxException {
        URL folder = SchemasAndSamplesTest.class.getClassLoader().getResource(resourceFolder);
        assertThat(folder).as(resourceFolder).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
