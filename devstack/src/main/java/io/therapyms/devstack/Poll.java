package io.therapyms.devstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something to become ready, failing early if the process it depends on dies on the way. */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {
    }

    /** Returns once {@code ready} holds; throws if {@code watched} exits first or {@code timeout} passes. */
    static void untilReady(ChildProcess watched, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            watched.requireAlive();
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(watched.name() + " did not become ready within " + timeout.toSeconds()
                        + " s" + watched.logTailSuffix());
            }
            pause();
        }
    }

    /** Returns once {@code condition} holds; throws, naming {@code what} was awaited, if {@code timeout} passes. */
    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new StartupException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the stack to start", e);
        }
    }
}
