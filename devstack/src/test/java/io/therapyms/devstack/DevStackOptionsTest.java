package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
        assertThat(options.stackOptions(Path.of("/repo")).portOffset()).isZero();
        assertThat(options.stackOptions(Path.of("/repo")).dataDir()).isEqualTo(Path.of("/repo/.data"));
    }

    @Test
    void readsEveryOption() {
        Options options = Options.parse("run", "--fresh", "--infra-only", "--timeout", "30", "--port-offset", "200",
                "--data-dir", "/tmp/stack-200");

        assertThat(options.fresh()).isTrue();
        assertThat(options.infraOnly()).isTrue();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
        LocalStack.Options stack = options.stackOptions(Path.of("/repo"));
        assertThat(stack.portOffset()).isEqualTo(200);
        assertThat(stack.dataDir()).isEqualTo(Path.of("/tmp/stack-200"));
        assertThat(stack.fresh()).isTrue();
        assertThat(stack.infraOnly()).isTrue();
        assertThat(stack.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void takesARelativeDataFolderFromTheWorkingFolder() {
        LocalStack.Options stack = Options.parse("run", "--data-dir", "other-data").stackOptions(Path.of("/repo"));

        assertThat(stack.dataDir()).isEqualTo(Path.of("other-data").toAbsolutePath());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> Options.parse("run", "--frsh")).hasMessageContaining("--frsh");
        assertThatThrownBy(() -> Options.parse("start")).hasMessageContaining("start");
        assertThatThrownBy(() -> Options.parse("run", "--timeout", "soon")).hasMessageContaining("soon");
        assertThatThrownBy(() -> Options.parse("run", "--port-offset", "many")).hasMessageContaining("many");
        assertThatThrownBy(() -> Options.parse("run", "--port-offset", "-5")).hasMessageContaining("-5");
        assertThatThrownBy(() -> Options.parse("run", "--port-offset", "60000")).hasMessageContaining("60000");
        assertThatThrownBy(() -> Options.parse("run", "--data-dir")).hasMessageContaining("--data-dir needs a folder");
    }
}
