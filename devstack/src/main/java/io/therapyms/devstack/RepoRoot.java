package io.therapyms.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the checkout, so tests run from any module folder find the launcher's files. */
final class RepoRoot {

    private static final String MARKER = "devstack/dynalite/package.json";

    private RepoRoot() {
    }

    /** The nearest folder at or above the working directory that holds devstack/dynalite/package.json. */
    static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new StartupException("cannot find the repository root (a folder holding " + MARKER + ") at or above "
                + start);
    }
}
