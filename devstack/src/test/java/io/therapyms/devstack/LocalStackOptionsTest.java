package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void tracesAreOffUnlessAnOtlpEndpointIsGiven() {
        assertThat(LocalStack.Options.defaults().environment()).doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    @Test
    void anOtlpEndpointIsAddedToTheOtherVariables() {
        LocalStack.Options options = LocalStack.Options.defaults()
                .withEnvironment(Map.of("BCRYPT_COST", "4"))
                .withOtlpEndpoint("http://127.0.0.1:4318");

        assertThat(options.environment())
                .containsEntry("BCRYPT_COST", "4")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
                .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    }
}
