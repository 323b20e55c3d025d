package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path tempDir;

    @Test
    void reportsADeathDuringStartUpWithTheEndOfItsLog() {
        ChildProcess child = ChildProcess.start("crasher", List.of("sh", "-c", "echo 'cannot bind port'; exit 3"),
                tempDir.resolve("crasher.log"), Map.of());

        assertThatThrownBy(() -> Poll.untilReady(child, Duration.ofSeconds(30), () -> false))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("crasher exited during start-up with code 3")
                .hasMessageContaining("cannot bind port");
    }

    @Test
    void stopsTheProcessAndEverythingItStarted() {
        // The shell starts two background children and waits for them: two descendants to find and stop.
        ChildProcess parent = ChildProcess.start("parent", List.of("sh", "-c", "sleep 300 & sleep 300 & wait"),
                tempDir.resolve("parent.log"), Map.of());
        Poll.untilReady(parent, Duration.ofSeconds(10), () -> parent.process().toHandle().descendants().count() == 2);
        List<ProcessHandle> descendants = parent.process().toHandle().descendants().toList();

        ChildProcess.stop(List.of(parent), Duration.ofSeconds(5));

        assertThat(parent.isAlive()).isFalse();
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void killsWhatIgnoresTheRequestToStop() {
        ChildProcess stubborn = ChildProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; echo ready; sleep 300"),
                tempDir.resolve("stubborn.log"), Map.of());
        Poll.untilReady(stubborn, Duration.ofSeconds(10), () -> stubborn.logTail(1).equals("ready"));

        ChildProcess.stop(List.of(stubborn), Duration.ofMillis(500));

        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void killsLikeACrashAndStartsTheSameCommandAgain() {
        ChildProcess first = ChildProcess.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; echo started $GREETING; sleep 300"), tempDir.resolve("stubborn.log"),
                Map.of("GREETING", "hello"));
        Poll.untilReady(first, Duration.ofSeconds(10), () -> first.logTail(1).equals("started hello"));

        first.kill();
        ChildProcess second = first.relaunch();

        assertThat(first.isAlive()).isFalse();
        try {
            Poll.untilReady(second, Duration.ofSeconds(10),
                    () -> second.logTail(2).equals("started hello\nstarted hello"));
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(second.logFile()).isEqualTo(first.logFile());
        } finally {
            ChildProcess.stop(List.of(second), Duration.ofMillis(500));
        }
    }
}
