package io.therapyms.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * coturn ({@code turnserver}, Debian package {@code coturn}) as the TURN server of the video calls, on loopback only.
 * It checks the time-limited credentials messaging-service hands out (TURN REST API, {@code use-auth-secret}) with a
 * {@code static-auth-secret} generated for each start and written to a config file only the user can read (never on
 * the command line, where {@code ps} would show it). Optional: a stack without the binary runs without TURN.
 */
final class Coturn {

    static final int DEFAULT_PORT = 3478;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int port;
    private final String secret;

    private Coturn(ChildProcess process, int port, String secret) {
        this.process = process;
        this.port = port;
        this.secret = secret;
    }

    /** {@code turnserver} on the PATH, if installed. */
    static Optional<Path> binary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/usr/sbin");
        for (String dir : (path + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "turnserver");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Coturn launch(Path binary, int port, Path dataDir, Path logFile) {
        String secret = HexFormat.of().formatHex(random(32));
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("turnserver.conf");
            Files.deleteIfExists(config);
            Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, String.join("\n",
                    "listening-ip=" + Ports.LOOPBACK,
                    "relay-ip=" + Ports.LOOPBACK,
                    "listening-port=" + port,
                    "realm=therapyms.local",
                    "use-auth-secret",
                    "static-auth-secret=" + secret,
                    "fingerprint",
                    // the two browsers of a local test are both on loopback, so the relayed peers are too
                    "allow-loopback-peers",
                    "no-multicast-peers",
                    "no-cli",
                    "no-tls",
                    "no-dtls",
                    "no-software-attribute",
                    "pidfile=" + dataDir.resolve("turnserver.pid"),
                    "userdb=" + dataDir.resolve("turndb"),
                    "log-file=stdout",
                    "simple-log",
                    ""));
        } catch (IOException e) {
            throw new StartupException("cannot write coturn's configuration in " + dataDir + ": " + e.getMessage(), e);
        }
        ChildProcess process = ChildProcess.start("coturn",
                List.of(binary.toString(), "-c", dataDir.resolve("turnserver.conf").toString()), dataDir, logFile, Map.of());
        return new Coturn(process, port, secret);
    }

    void awaitReady() {
        Poll.untilReady(process, READY_TIMEOUT, () -> Ports.accepts(Ports.LOOPBACK, port));
    }

    ChildProcess process() {
        return process;
    }

    /** What messaging-service needs to hand out TURN (UDP and TCP) and STUN on this server. */
    Map<String, String> messagingEnvironment() {
        String host = Ports.LOOPBACK + ":" + port;
        return Map.of("TURN_URLS", "turn:" + host + "?transport=udp,turn:" + host + "?transport=tcp",
                "TURN_SECRET", secret,
                "STUN_URLS", "stun:" + host);
    }

    String url() {
        return "turn:" + Ports.LOOPBACK + ":" + port;
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
