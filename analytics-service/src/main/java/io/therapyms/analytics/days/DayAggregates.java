package io.therapyms.analytics.days;

import static io.therapyms.platform.dynamo.Attrs.str;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.config.Update;
import io.therapyms.analytics.ingest.Facts;
import io.therapyms.platform.dynamo.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Per-day aggregates of a user's time line, so that a long summary reads one small item per day instead of every
 * fact. An aggregate is a pure function of that UTC day's facts (one Query of them), never incremented:
 * <pre>day: pk = DAY#userId sk = yyyy-mm-dd  version computedFrom counts [decisions] [conv]
 *   while dirty: gsi2 = DIRTY#shard / markedAt#userId#day</pre>
 * Every fact write then marks its day ({@code ADD version 1}, and files it in the sparse dirty index). A recompute
 * reads the version v, Queries the day's facts and writes the aggregate only if none newer is stored
 * ({@code computedFrom <= v}): a redelivery computes the same thing, a concurrent recompute that saw a later mark
 * wins. The recompute shortly after the mark (analytics.days.recompute-delay, gathering marks) keeps the lag short; the periodic sweep ({@link DaySweeper}) recomputes
 * every day marked at least a settle time ago and only then takes it out of the dirty index, and only if no mark
 * came since. That also covers a crash between the fact write and the recompute, a failed recompute, and an index
 * Query that did not yet see the fact (DynamoDB's indexes are eventually consistent; dynalite's are not).
 */
@Singleton
public class DayAggregates {

    private static final Logger LOG = Logger.getLogger(DayAggregates.class);

    static final int DIRTY_SHARDS = 4;
    static final String VERSION = "version";
    static final String COMPUTED_FROM = "computedFrom";

    @Inject
    Clock clock;

    @Inject
    Store store;

    @ConfigProperty(name = "analytics.days.workers", defaultValue = "1")
    int workers;

    /**
     * How long a marked day waits before its recompute, gathering the marks that come meanwhile. A recompute
     * Queries the whole day's facts, so recomputing after every mark costs quadratic reads on a busy day: a 10k
     * load kept the worker Querying one heavy user's day back to back, and those large Queries held up the
     * consumer's small writes on the store (3.6 events/s; BENCHMARKS.md, issue #19).
     */
    @ConfigProperty(name = "analytics.days.recompute-delay", defaultValue = "2s")
    Duration recomputeDelay;

    /**
     * A day marked by an event that reaches the consumer late waits a tenth of that lateness (at least the delay
     * above, at most this), gathering more marks: its figures are that late already, and the wait adds at most a
     * tenth to it. A quiet stack applies events within a second and keeps the 2 s; a consumer minutes behind (a bulk
     * load, a replay) stops recomputing busy days every 2 s. In the 10k load a 20 s delay caught up 20 % sooner
     * (BENCHMARKS.md, issue #19).
     */
    @ConfigProperty(name = "analytics.days.recompute-delay-max", defaultValue = "30s")
    Duration recomputeDelayMax;

    /** When the event this consumer thread is applying happened (null outside an event). */
    private final ThreadLocal<Instant> applying = new ThreadLocal<>();

    @Inject
    MeterRegistry registry;

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final DelayQueue<Due> queue = new DelayQueue<>();
    private Counter backgroundRecomputes;

    /** A day to recompute, and when. */
    private record Due(String key, long atNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Due) other).atNanos);
        }
    }
    private final List<Thread> threads = new java.util.ArrayList<>();
    private volatile boolean running;

    public static String pk(String userId) {
        return "DAY#" + userId;
    }

    public static String day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC).toString();
    }

    public static Instant start(String day) {
        return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The consumer applies an event of this time on this thread: its marks wait according to its lateness. */
    public void applying(Instant eventTime) {
        applying.set(eventTime);
    }

    /** The consumer is done with the event. */
    public void applied() {
        applying.remove();
    }

    /** The wait before a marked day's recompute: a tenth of how late its event is, within [delay, max]. */
    static Duration recomputeWait(Duration lateness, Duration delay, Duration max) {
        Duration tenth = lateness.dividedBy(10);
        if (tenth.compareTo(max) > 0) {
            tenth = max;
        }
        return tenth.compareTo(delay) > 0 ? tenth : delay;
    }

    /** Marks the UTC days of these times on the user's time line changed, then has them recomputed soon. */
    public void mark(String userId, Collection<Instant> times) {
        Set<String> days = new TreeSet<>();
        for (Instant time : times) {
            if (time != null) {
                days.add(day(time));
            }
        }
        for (String day : days) {
            store.update(pk(userId), day, request -> request
                    .updateExpression("ADD #version :one SET #kind = :kind, #dirtyPk = :dirtyPk, #dirtySk = :dirtySk")
                    .expressionAttributeNames(Map.of("#version", VERSION, "#kind", Facts.KIND,
                            "#dirtyPk", TableSpec.GSI2_PK, "#dirtySk", TableSpec.GSI2_SK))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":kind", AttributeValue.fromS("day"),
                            ":dirtyPk", AttributeValue.fromS(dirtyPartition(userId, day)),
                            ":dirtySk", AttributeValue.fromS(TimeKeys.key(clock.instant()) + "#" + userId + "#" + day))));
            enqueue(userId, day);
        }
    }

    public void mark(String userId, Instant time) {
        mark(userId, List.of(time));
    }

    private static String dirtyPartition(String userId, String day) {
        return "DIRTY#" + Math.floorMod((userId + "#" + day).hashCode(), DIRTY_SHARDS);
    }

    /**
     * Recomputes one day from its facts. {@code settle}: the sweep's recompute, which also takes the day out of the
     * dirty index if no mark came since its version was read. Returns false if the write was held back.
     */
    public boolean recompute(String userId, String day, boolean settle) {
        Optional<Map<String, AttributeValue>> item = store.get(pk(userId), day);
        if (item.isEmpty() || !item.get().containsKey(VERSION)) {
            return false; // never marked, or forgotten (erasure): nothing to compute
        }
        String version = item.get().get(VERSION).n();
        if (!settle && item.get().containsKey(COMPUTED_FROM)
                && Long.parseLong(item.get().get(COMPUTED_FROM).n()) >= Long.parseLong(version)) {
            return true; // a recompute after this mark already ran (marks coalesced while queued)
        }
        Instant from = start(day);
        List<Map<String, AttributeValue>> facts = store.query(TableSpec.GSI1, Facts.timeline(userId),
                TimeKeys.key(from), TimeKeys.key(from.plus(Duration.ofDays(1))));
        Piece piece = Piece.of(TimelineItems.parse(facts), from, from.plus(Duration.ofDays(1)));
        Update update = Update.of();
        Map<String, AttributeValue> attributes = piece.attributes();
        for (String attribute : Piece.ATTRIBUTES) {
            if (attributes.containsKey(attribute)) {
                update.set(attribute, attributes.get(attribute));
            } else {
                update.remove(attribute);
            }
        }
        update.set(COMPUTED_FROM, AttributeValue.fromN(version));
        String condition = "attribute_exists(#version) AND (attribute_not_exists(#computedFrom) OR #computedFrom <= :computedFrom)";
        if (settle) {
            update.remove(TableSpec.GSI2_PK, TableSpec.GSI2_SK);
            condition += " AND #version = :computedFrom";
        }
        return store.updateIf(pk(userId), day, update.when(condition, Map.of(), VERSION, COMPUTED_FROM));
    }

    /** The stored pieces of the user's days from {@code fromDay} to {@code toDay} (inclusive), by day. */
    public Map<String, Piece> read(String userId, String fromDay, String toDay) {
        Map<String, Piece> pieces = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : store.query(null, pk(userId), fromDay, toDay)) {
            Piece piece = Piece.from(item);
            if (piece != null) {
                pieces.put(str(item, TableSpec.SK), piece);
            }
        }
        return pieces;
    }

    /** Erasure: every day item of the user (their own time line) goes. */
    public void forget(String userId) {
        store.query(null, pk(userId), null, null).forEach(store::delete);
    }

    /** The days marked before {@code cutoff} and not settled since: recomputed, and settled if still current. */
    public int sweep(Instant cutoff) {
        int settled = 0;
        for (int shard = 0; shard < DIRTY_SHARDS; shard++) {
            for (Map<String, AttributeValue> item : store.query(TableSpec.GSI2, "DIRTY#" + shard, "0",
                    TimeKeys.key(cutoff))) {
                String userId = str(item, TableSpec.PK).substring("DAY#".length());
                try {
                    if (recompute(userId, str(item, TableSpec.SK), true)) {
                        settled++;
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("recompute of a day of %s failed, will retry: %s", userId, e.toString());
                }
            }
        }
        return settled;
    }

    // --- the recompute soon after a mark: in the background, coalescing marks of the same day ---

    private void enqueue(String userId, String day) {
        String key = userId + "|" + day;
        if (running && queued.add(key)) {
            Instant eventTime = applying.get();
            Duration lateness = eventTime == null ? Duration.ZERO : Duration.between(eventTime, clock.instant());
            queue.add(new Due(key, System.nanoTime()
                    + recomputeWait(lateness, recomputeDelay, recomputeDelayMax).toNanos()));
        }
    }

    /** How long until the queued background recompute of this day (empty if none is queued); for tests. */
    public Optional<Duration> queuedFor(String userId, String day) {
        String key = userId + "|" + day;
        return queue.stream().filter(due -> due.key().equals(key)).findFirst()
                .map(due -> Duration.ofNanos(due.getDelay(TimeUnit.NANOSECONDS)));
    }

    void start(@Observes StartupEvent started) {
        backgroundRecomputes = Counter.builder("tms.analytics.day.recomputes")
                .description("Days recomputed by the background workers after marks (the sweep's are not counted)")
                .register(registry);
        running = true;
        for (int i = 0; i < Math.max(1, workers); i++) {
            Thread thread = new Thread(this::work, "analytics-days-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    private void work() {
        while (running) {
            String key;
            try {
                key = queue.take().key();
            } catch (InterruptedException stopping) {
                return;
            }
            // out of the set before the work: a mark that comes during it queues the day again
            queued.remove(key);
            int bar = key.lastIndexOf('|');
            try {
                backgroundRecomputes.increment();
                recompute(key.substring(0, bar), key.substring(bar + 1), false);
            } catch (RuntimeException e) {
                LOG.debugf("recompute of a day failed, the sweep will redo it: %s", e.toString());
            }
        }
    }
}
