package io.therapyms.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;

/** Request body examples follow their schema, so a linter checking examples against schemas finds nothing. */
class RequestBodyExamplesTest {

    @Test
    void anExampleHonoursEnumsPatternsFormatsBoundsAndReferences() {
        Schema body = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("status", string().pattern("approved|rejected|cancelled"))
                .addProperty("phone", string().pattern("^\\+?[0-9 ()-]{6,20}$"))
                .addProperty("recipientId", string().pattern("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"))
                .addProperty("name", string().pattern("[\\s\\S]*\\S[\\s\\S]*").maxLength(200))
                .addProperty("intensity", OASFactory.createSchema().addType(SchemaType.INTEGER).minimum(BigDecimal.ONE))
                .addProperty("feeling", OASFactory.createSchema().ref("#/components/schemas/Feeling"))
                .addProperty("slots", OASFactory.createSchema().addType(SchemaType.ARRAY).items(
                        OASFactory.createSchema().addType(SchemaType.OBJECT)
                                .addProperty("startTime", string().format("date-time"))))
                .addRequired("status");
        Map<String, Schema> components = Map.of("Feeling", string().enumeration(List.of("happy", "sad")));

        Object example = RequestBodyExamples.example(body, components, "", 0);

        assertThat(example).isEqualTo(Map.of("status", "approved",
                "recipientId", "3f2c8a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "name", "Ann Lee", "intensity", 1,
                "feeling", "happy", "slots", List.of(Map.of("startTime", "2026-12-01T15:00:00Z"))));
    }

    @Test
    void aGivenExampleIsKept() {
        assertThat(RequestBodyExamples.example(string().example("hello"), Map.of(), "x", 0)).isEqualTo("hello");
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }
}
