package io.therapyms.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden sample of each event type, exactly as a producer would publish it. Consumers replay
 * these in their tests so they are proven against the contract, not against their own guesses.
 */
public final class GoldenSamples {

    private GoldenSamples() {
    }

    public static String of(Class<? extends DomainEvent> dataClass) {
        return of(EventCatalog.of(dataClass));
    }

    public static String of(EventDescriptor descriptor) {
        String resource = descriptor.sampleResource();
        try (InputStream in = GoldenSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden sample on the classpath at " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
