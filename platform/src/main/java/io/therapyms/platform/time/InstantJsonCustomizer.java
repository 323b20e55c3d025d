package io.therapyms.platform.time;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes instants in responses with {@link InstantText#format}: the same text as jackson-datatype-jsr310's
 * serializer ({@code Instant.toString()}), without its {@code DateTimeFormatter}, which took a tenth of
 * journal-service's CPU in the journal-list benchmark. A module registered later wins over the JSR-310 one.
 */
@Singleton
public class InstantJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("instant-text").addSerializer(Instant.class, new InstantTextSerializer()));
    }

    /** Lower than the default, so that it runs after the customizers that register the JSR-310 module. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    static final class InstantTextSerializer extends StdSerializer<Instant> {

        InstantTextSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                // numbers were asked for: the JSR-310 serializer knows their variants
                InstantSerializer.INSTANCE.serialize(value, generator, provider);
                return;
            }
            generator.writeString(InstantText.format(value));
        }
    }
}
