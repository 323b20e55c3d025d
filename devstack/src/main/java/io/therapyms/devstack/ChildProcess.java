package io.therapyms.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A process this launcher started, with its output in a log file, and the means to stop it and everything it spawned. */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    /** How it was started, so {@link #relaunch()} can start it again the same way. */
    private final Launch launch;

    private ChildProcess(String name, Process process, Path logFile, Launch launch) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.launch = launch;
    }

    private record Launch(List<String> command, Path workDir, Map<String, String> extraEnv) {
    }

    /** Starts {@code command} with stdout and stderr appended to {@code logFile}, and no console input. */
    static ChildProcess start(String name, List<String> command, Path logFile, Map<String, String> extraEnv) {
        return start(name, command, Path.of("").toAbsolutePath(), logFile, extraEnv);
    }

    static ChildProcess start(String name, List<String> command, Path workDir, Path logFile,
            Map<String, String> extraEnv) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(extraEnv);
            return new ChildProcess(name, builder.start(), logFile, new Launch(List.copyOf(command), workDir,
                    Map.copyOf(extraEnv)));
        } catch (IOException e) {
            throw new StartupException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    Process process() {
        return process;
    }

    /** Starts the same command again, with the same environment, appending to the same log. */
    ChildProcess relaunch() {
        return start(name, launch.command(), launch.workDir(), logFile, launch.extraEnv());
    }

    /**
     * {@code kill -9} of the process and everything it started, as a crash or an OOM killer would: no shutdown hook,
     * no flush. Returns once they are gone.
     */
    void kill() {
        List<ProcessHandle> all = withDescendants(List.of(process.toHandle()));
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, Duration.ofSeconds(10));
    }

    /** Waits for a short-lived command (a formatter, an installer) and fails with its output if it does not succeed. */
    void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(List.of(this), Duration.ofSeconds(5));
                throw new StartupException(name + " did not finish within " + timeout.toSeconds() + " s" + logTailSuffix());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new StartupException(name + " failed with exit code " + process.exitValue() + logTailSuffix());
        }
    }

    /** Fails the start-up, quoting the end of the log, when the process has already exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new StartupException(name + " exited during start-up with code " + process.exitValue() + logTailSuffix());
        }
    }

    String logTailSuffix() {
        return "\n--- last lines of " + logFile + " ---\n" + logTail(30);
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String logTail(int lines) {
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            Deque<String> tail = new ArrayDeque<>(lines);
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
            return String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** Stops the given processes together: see {@link #stopTree(Collection, Duration)}. */
    static void stop(Collection<ChildProcess> children, Duration grace) {
        stopTree(children.stream().map(child -> child.process.toHandle()).toList(), grace);
    }

    /**
     * Asks every process and its descendants to terminate (SIGTERM), waits up to {@code grace} for them, then kills
     * what is left. Descendants are collected first: once a parent is gone its children are re-parented and could
     * no longer be found.
     */
    static void stopTree(Collection<ProcessHandle> roots, Duration grace) {
        List<ProcessHandle> all = withDescendants(roots);
        all.forEach(ProcessHandle::destroy);
        if (!awaitExit(all, grace)) {
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(all, Duration.ofSeconds(5));
        }
    }

    private static List<ProcessHandle> withDescendants(Collection<ProcessHandle> roots) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots) {
            all.add(root);
            root.descendants().forEach(all::add);
        }
        return all;
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
