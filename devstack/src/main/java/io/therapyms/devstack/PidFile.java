package io.therapyms.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code .data/run.pids}: the launcher's own pid on the first line, then one line per child ({@code <pid> <name>}).
 * Lets the next ./run find what a killed launcher left behind. A process counts as ours only while its command line
 * names this checkout, so a recycled pid is never touched.
 */
final class PidFile {

    private static final String LAUNCHER = "launcher";

    private final Path file;
    private final String repoMarker;

    PidFile(Path file, Path repoRoot) {
        this.file = file;
        this.repoMarker = repoRoot.toAbsolutePath() + "/";
    }

    /** The launcher of another ./run of this checkout that is still running, if any. */
    Optional<ProcessHandle> liveLauncher() {
        return entries().stream()
                .filter(entry -> entry.name().equals(LAUNCHER))
                .map(entry -> ProcessHandle.of(entry.pid()))
                .flatMap(Optional::stream)
                .filter(this::isOurs)
                .filter(handle -> handle.pid() != ProcessHandle.current().pid())
                .findFirst();
    }

    /** Children of an earlier ./run of this checkout that are still alive. */
    List<ProcessHandle> liveChildren() {
        return entries().stream()
                .filter(entry -> !entry.name().equals(LAUNCHER))
                .map(entry -> ProcessHandle.of(entry.pid()))
                .flatMap(Optional::stream)
                .filter(this::isOurs)
                .toList();
    }

    /** Rewrites the file with this launcher and its current children. */
    void write(List<ChildProcess> children) {
        StringBuilder lines = new StringBuilder(ProcessHandle.current().pid() + " " + LAUNCHER + "\n");
        children.forEach(child -> lines.append(child.pid()).append(' ').append(child.name()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("devstack: cannot delete " + file + ": " + e.getMessage());
        }
    }

    private boolean isOurs(ProcessHandle handle) {
        return handle.isAlive() && handle.info().commandLine().map(line -> line.contains(repoMarker)).orElse(false);
    }

    private List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split(" ", 2);
                if (fields.length == 2 && fields[0].matches("\\d+")) {
                    entries.add(new Entry(Long.parseLong(fields[0]), fields[1]));
                }
            }
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private record Entry(long pid, String name) {
    }
}
