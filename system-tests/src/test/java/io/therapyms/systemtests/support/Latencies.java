package io.therapyms.systemtests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Measured delays of one kind (e.g. request → WebSocket push), logged as count, median and maximum. */
public final class Latencies {

    private final String what;
    private final List<Long> millis = new ArrayList<>();

    public Latencies(String what) {
        this.what = what;
    }

    /** Records the time from {@code startedNanos} to {@code endedNanos} and returns it in milliseconds. */
    public synchronized long record(long startedNanos, long endedNanos) {
        long elapsed = (endedNanos - startedNanos) / 1_000_000;
        millis.add(elapsed);
        return elapsed;
    }

    public synchronized String summary() {
        if (millis.isEmpty()) {
            return what + ": nothing measured";
        }
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "%s: n=%d, median %d ms, max %d ms, all %s", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
    }

    public void log() {
        System.out.println("system-tests: " + summary());
    }
}
