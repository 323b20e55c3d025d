package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.therapyms.devstack.DevStack.Options;

class DevStackOptionsTest {

    @Test
    void runsTheWholeStackByDefault() {
        Options options = Options.parse("run");

        assertThat(options.fresh()).isFalse();
        assertThat(options.infraOnly()).isFalse();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(180));
    }

    @Test
    void readsEveryOption() {
        Options options = Options.parse("run", "--fresh", "--infra-only", "--timeout", "30");

        assertThat(options.fresh()).isTrue();
        assertThat(options.infraOnly()).isTrue();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Options.parse("run", "--frsh")).hasMessageContaining("--frsh");
        assertThatThrownBy(() -> Options.parse("start")).hasMessageContaining("start");
        assertThatThrownBy(() -> Options.parse("run", "--timeout", "soon")).hasMessageContaining("soon");
    }
}
