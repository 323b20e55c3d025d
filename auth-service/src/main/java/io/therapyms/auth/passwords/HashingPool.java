package io.therapyms.auth.passwords;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.therapyms.platform.errors.ServiceUnavailableException;

/**
 * The only threads that run bcrypt: a fixed number of them with a bounded queue in front. A login flood
 * then costs at most {@code threads} cores and waits in a queue of known length; beyond that the request
 * is refused at once with 503 and {@code Retry-After} instead of taking worker threads (and with them every
 * other endpoint of the service) hostage.
 */
public final class HashingPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final int threads;
    /** Moving average of one hash's duration, to tell a refused caller when a retry has a chance. */
    private volatile long averageNanos = TimeUnit.MILLISECONDS.toNanos(250);

    public HashingPool(int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("hashing threads must be >= 1 and the queue >= 0");
        }
        this.threads = threads;
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, task -> {
            Thread t = new Thread(task, "password-hashing-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The default size: one core is left for everything else, unless there is only one. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * Runs {@code work} on a hashing thread and waits for it.
     *
     * @throws ServiceUnavailableException when every thread is busy and the queue is full
     */
    public <T> T run(Supplier<T> work) {
        Future<T> result;
        try {
            result = executor.submit(() -> timed(work));
        } catch (RejectedExecutionException full) {
            throw new ServiceUnavailableException("Too many sign-ins are being checked right now. Try again shortly.",
                    retryAfter());
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a password hash", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    private <T> T timed(Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            averageNanos = (averageNanos * 7 + (System.nanoTime() - start)) / 8;
        }
    }

    /** Roughly how long the work already waiting needs (at least a second, at most half a minute). */
    private Duration retryAfter() {
        long rounds = (executor.getQueue().size() + threads) / threads;
        Duration estimate = Duration.ofNanos(rounds * averageNanos);
        return estimate.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : estimate;
    }

    int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
