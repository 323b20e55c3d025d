package io.therapyms.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    @Test
    void anEmptySecretIsRefusedInEveryProfileNamingTheVariableAndTheFix() {
        for (boolean prod : new boolean[] {true, false}) {
            assertThat(ProductionGuard.cursorSecretProblem(Optional.empty(), prod))
                    .hasValueSatisfying(problem -> assertThat(problem)
                            .startsWith("CURSOR_SECRET is not set: export CURSOR_SECRET=$(openssl rand -hex 32)"));
            assertThat(ProductionGuard.cursorSecretProblem(Optional.of("  "), prod)).isPresent();
        }
    }

    @Test
    void theDevelopmentSecretIsRefusedOnlyInProduction() {
        Optional<String> dev = Optional.of(ProductionGuard.DEV_CURSOR_SECRET);
        assertThat(ProductionGuard.cursorSecretProblem(dev, true))
                .hasValueSatisfying(problem -> assertThat(problem).contains("CURSOR_SECRET").contains("openssl rand"));
        assertThat(ProductionGuard.cursorSecretProblem(dev, false)).isEmpty();
    }

    @Test
    void aRealSecretIsAccepted() {
        assertThat(ProductionGuard.cursorSecretProblem(Optional.of("9f2c0e1b7a"), true)).isEmpty();
    }
}
