package io.therapyms.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dynalite, the open-source DynamoDB implementation on LevelDB, run with node from devstack/dynalite (the version is
 * pinned by its package-lock.json). Listens on 127.0.0.1 only.
 */
public final class Dynalite implements AutoCloseable {

    /** Where ./run's dynalite listens, and where tests look for one to reuse. */
    public static final int DEFAULT_PORT = 8000;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ChildProcess process;
    private final String endpoint;

    private Dynalite(ChildProcess process, int port) {
        this.process = process;
        this.endpoint = "http://" + Ports.LOOPBACK + ":" + port;
    }

    /** A store that keeps nothing: what tests use. */
    public static Dynalite startInMemory(int port, Path logFile) {
        return start(port, Optional.empty(), logFile);
    }

    /** A store kept in LevelDB files under {@code dataDir}, surviving restarts: what ./run uses. */
    public static Dynalite startPersistent(int port, Path dataDir, Path logFile) {
        return start(port, Optional.of(dataDir), logFile);
    }

    private static Dynalite start(int port, Optional<Path> dataDir, Path logFile) {
        Dynalite dynalite = launch(port, dataDir, logFile);
        dynalite.awaitReady();
        return dynalite;
    }

    /** Starts the process without waiting, so ./run can start Kafka meanwhile; {@link #awaitReady()} follows. */
    static Dynalite launch(int port, Optional<Path> dataDir, Path logFile) {
        Path packageDir = RepoRoot.find().resolve("devstack/dynalite");
        installIfStale(packageDir, logFile);
        List<String> command = new ArrayList<>(List.of(
                // dynalite's own command line, with the iterator leak of close-iterators.js closed first.
                "node", packageDir.resolve("server.js").toString(),
                "--host", Ports.LOOPBACK,
                "--port", Integer.toString(port),
                // Tables are ACTIVE at once instead of after dynalite's default half-second CREATING state.
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        dataDir.ifPresent(dir -> {
            createDirectories(dir);
            command.addAll(List.of("--path", dir.toAbsolutePath().toString()));
        });
        return new Dynalite(ChildProcess.start("dynalite", command, logFile, Map.of()), port);
    }

    void awaitReady() {
        Poll.untilReady(process, START_TIMEOUT, () -> answers(endpoint));
    }

    public String endpoint() {
        return endpoint;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        ChildProcess.stop(List.of(process), STOP_GRACE);
    }

    /** Whether a DynamoDB-compatible server answers its health check ({@code GET /} is 200) at {@code endpoint}. */
    static boolean answers(String endpoint) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(1)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code npm ci} when node_modules is missing or older than the lock file. A file lock keeps two test JVMs
     * that start at once from installing over each other.
     */
    static void installIfStale(Path packageDir, Path logFile) {
        Path lockFile = packageDir.resolve("package-lock.json");
        // npm rewrites this copy of the lock file inside node_modules on every successful install.
        Path installed = packageDir.resolve("node_modules/.package-lock.json");
        try (FileChannel channel = FileChannel.open(packageDir.resolve(".install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (isFresh(installed, lockFile)) {
                return;
            }
            ChildProcess.start("npm ci (dynalite)", List.of("npm", "ci", "--no-audit", "--no-fund"), packageDir,
                    logFile, Map.of()).awaitSuccess(INSTALL_TIMEOUT);
        } catch (IOException e) {
            throw new StartupException("cannot install dynalite in " + packageDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFresh(Path installed, Path lockFile) throws IOException {
        if (!Files.exists(installed)) {
            return false;
        }
        FileTime installedAt = Files.getLastModifiedTime(installed);
        return installedAt.compareTo(Files.getLastModifiedTime(lockFile)) >= 0;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
