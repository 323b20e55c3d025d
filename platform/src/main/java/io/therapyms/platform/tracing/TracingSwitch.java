package io.therapyms.platform.tracing;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the OpenTelemetry SDK off unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set: the OTLP exporter would
 * otherwise send to its default endpoint ({@code localhost:4317}) and log every failed export, and an endpoint left
 * empty does not switch it off. Configuration alone cannot say "disabled when that variable is absent", hence this
 * source. Its ordinal (200) is above the platform's defaults and below a service's {@code application.properties}
 * (250) and the environment (300), so {@code QUARKUS_OTEL_SDK_DISABLED} or a test profile still decides.
 */
public class TracingSwitch implements ConfigSource {

    static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

    private final Map<String, String> properties;

    public TracingSwitch() {
        this(System.getenv(ENDPOINT_VARIABLE));
    }

    TracingSwitch(String endpoint) {
        properties = Map.of(SDK_DISABLED, Boolean.toString(endpoint == null || endpoint.isBlank()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "tms-tracing-switch";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
