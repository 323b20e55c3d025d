package io.therapyms.devstack.containers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.BooleanSupplier;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits for a host-networked container by asking 127.0.0.1 directly: such a container has no mapped ports, so
 * Testcontainers' port-based strategies have nothing to look at. Gives up early, with the container's last output,
 * when the container exits.
 */
final class LoopbackReadiness extends AbstractWaitStrategy {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_LINES_ON_FAILURE = 20;
    private static final int ERROR_LINES_ON_FAILURE = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String what;
    private final BooleanSupplier ready;

    private LoopbackReadiness(String what, BooleanSupplier ready, Duration timeout) {
        this.what = what;
        this.ready = ready;
        withStartupTimeout(timeout);
    }

    /** Ready when something accepts TCP connections on the port. */
    static LoopbackReadiness tcp(int port, Duration timeout) {
        return new LoopbackReadiness("a connection on 127.0.0.1:" + port, () -> accepts(port), timeout);
    }

    /** Ready when GET {@code path} answers 200. */
    static LoopbackReadiness http(int port, String path, Duration timeout) {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        return new LoopbackReadiness("200 from " + uri, () -> answersOk(uri), timeout);
    }

    @Override
    protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("the container exited before " + what + "; its last output:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new ContainerLaunchException("no " + what + " within " + startupTimeout.toSeconds()
                        + " s; the container's last output:\n" + tail());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for " + what);
            }
        }
    }

    /** The container's errors first (a start-up failure is often followed by many lines of shutdown), then its end. */
    private String tail() {
        List<String> lines = List.of(waitStrategyTarget.getLogs().split("\n"));
        String errors = lines.stream().filter(line -> line.contains("ERROR") || line.startsWith("Caused by"))
                .limit(ERROR_LINES_ON_FAILURE).collect(Collectors.joining("\n"));
        String end = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        return errors.isEmpty() ? end : errors + "\n…\n" + end;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersOk(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
