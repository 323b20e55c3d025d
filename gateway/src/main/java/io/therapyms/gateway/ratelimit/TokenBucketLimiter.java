package io.therapyms.gateway.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client key: each holds up to a minute's allowance and refills continuously,
 * so a client may burst its whole minute at once but not exceed the rate over time.
 *
 * <p>Memory is bounded twice: a bucket untouched for as long as it takes to refill is
 * indistinguishable from a fresh one and is dropped, and beyond {@code maxClients} keys the least
 * recently seen is dropped (which can only make the limit more lenient for that key, never stricter).
 */
final class TokenBucketLimiter {

    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    /** Whether a request may pass, and if not, after how many whole seconds (at least 1) to retry. */
    record Decision(boolean allowed, long retryAfterSeconds) {

        static final Decision ALLOW = new Decision(true, 0);
    }

    private static final class Bucket {
        double tokens;
        long lastRefillNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastRefillNanos = now;
        }
    }

    private final int capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    /** Access-ordered: iteration starts at the key seen longest ago. Guarded by itself. */
    private final LinkedHashMap<String, Bucket> buckets;
    private long lastSweepNanos;

    TokenBucketLimiter(int perMinute, int maxClients, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("A rate limit must allow at least one request per minute");
        }
        this.capacity = perMinute;
        this.tokensPerNano = perMinute / (double) NANOS_PER_MINUTE;
        this.nanoClock = nanoClock;
        this.lastSweepNanos = nanoClock.getAsLong();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    Decision tryAcquire(String clientKey) {
        long now = nanoClock.getAsLong();
        synchronized (buckets) {
            if (now - lastSweepNanos >= NANOS_PER_MINUTE) {
                evictRefilled(now);
                lastSweepNanos = now;
            }
            Bucket bucket = buckets.computeIfAbsent(clientKey, key -> new Bucket(capacity, now));
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.lastRefillNanos) * tokensPerNano);
            bucket.lastRefillNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Decision.ALLOW;
            }
            long nanosUntilToken = (long) Math.ceil((1 - bucket.tokens) / tokensPerNano);
            long seconds = (nanosUntilToken + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
            return new Decision(false, Math.max(1, seconds));
        }
    }

    int trackedClients() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Drops buckets idle long enough to be full again; they start from the eldest, so stop at the first recent one. */
    private void evictRefilled(long now) {
        long refillNanos = (long) Math.ceil(capacity / tokensPerNano);
        Iterator<Bucket> eldestFirst = buckets.values().iterator();
        while (eldestFirst.hasNext()) {
            if (now - eldestFirst.next().lastRefillNanos < refillNanos) {
                return;
            }
            eldestFirst.remove();
        }
    }
}
