package io.therapyms.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.therapyms.devstack.Apps;
import io.therapyms.events.Topics;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.ScaledOutStack;

/**
 * Two instances of every service behind one gateway; under a steady write load one instance of EACH service is
 * killed (kill -9). The gateway must keep serving from the survivors: no failed request beyond the ones in flight
 * at the kill (each writer has at most one), no acknowledged write lost, none doubled, every event consumed once
 * in effect (the consumer groups hand the dead members' partitions to the survivors), and every key's events in
 * order on its topic. Slow: runs with -Pfaults.
 */
@Tag("faults")
class ScaleOutTest {

    private static final int WRITING_PAIRS = 4;
    private static final int WRITES_AFTER_KILL = 30;
    private static final int READING_PAIRS = 2;

    @Test
    void killingOneInstanceOfEachServiceUnderLoadLosesNothing() throws Exception {
        try (ScaledOutStack scaled = ScaledOutStack.start()) {
            Api api = scaled.api();
            List<Api.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < WRITING_PAIRS; i++) {
                pairs.add(api.linkedPair());
            }
            Map<Api.Pair, WriteLoad.Acknowledged> acknowledged;
            Map<String, Integer> refusedBeforeKill;
            Map<String, Integer> refusals;
            int readBeforeKill;
            List<Api.Pair> readingPairs = new ArrayList<>();
            for (int i = 0; i < READING_PAIRS; i++) {
                readingPairs.add(api.linkedPair());
            }
            ReadMarker reads = new ReadMarker(api, readingPairs);
            try (WriteLoad load = WriteLoad.start(api, pairs); reads) {
                reads.start();
                awaitWrites(load, 20, "the load to start");
                Awaitility.await("a message read before the kill").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(100)).until(() -> reads.marked() > 0);
                refusedBeforeKill = load.refusals();
                readBeforeKill = reads.marked();
                for (Apps service : ScaledOutStack.services()) {
                    scaled.stack().kill9(service);
                }
                awaitWrites(load, WRITES_AFTER_KILL, "writes after one instance of each service was killed");
                acknowledged = load.acknowledged();
                refusals = load.refusals();
            }
            int refusedBefore = refusedBeforeKill.values().stream().mapToInt(Integer::intValue).sum();
            int refusedAtKill = refusals.values().stream().mapToInt(Integer::intValue).sum() - refusedBefore;
            System.out.printf("system-tests: scale-out: refused before the kill %s, after it %s%n", refusedBeforeKill,
                    refusals);
            assertThat(refusedBefore).as("refusals before any kill: %s", refusedBeforeKill).isZero();
            // Each writer sends one request at a time: at most one per writer can have been in flight at the kill.
            assertThat(refusedAtKill).as("requests failed beyond those in flight: %s", refusals)
                    .isLessThanOrEqualTo(WRITING_PAIRS);

            Tally tally = new Tally();
            WriteChecks.check(api, acknowledged, tally);
            System.out.println("system-tests: scale-out writes checked" + tally.table());
            assertThat(tally.problems()).as(tally.table()).isZero();

            // Per-key order across two relaying instances and the kill: every topic, every key. The reading pairs sent
            // and read messages during the load, so many keys carry a MessageSent and its MessageRead, possibly from
            // different instances; the read must never come first.
            int marked = reads.marked();
            Map<String, List<KeyOrder.Seen>> byKey = Awaitility.await("every acknowledged read on messaging.events")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> KeyOrder.read(scaled.stack().kafkaBootstrap(), Topics.ALL),
                            seen -> sentThenRead(seen) >= marked);
            assertThat(KeyOrder.violations(byKey)).as("keys out of order").isEmpty();
            System.out.printf("system-tests: scale-out: %d keys with several events, all in order; %d of %d messages"
                    + " marked read appear as MessageSent then MessageRead%n",
                    byKey.values().stream().filter(events -> events.size() >= 2).count(), sentThenRead(byKey), marked);
            assertThat(marked).as("messages marked read after the kill").isGreaterThan(readBeforeKill);
        }
    }

    private static long sentThenRead(Map<String, List<KeyOrder.Seen>> byKey) {
        return byKey.values().stream().filter(events -> events.size() >= 2
                && events.get(0).type().endsWith(".MessageSent.v1") && events.get(1).type().endsWith(".MessageRead.v1"))
                .count();
    }

    private static void awaitWrites(WriteLoad load, int more, String what) {
        int messages = load.acknowledgedMessages();
        int entries = load.acknowledgedEntries();
        Awaitility.await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> load.acknowledgedMessages() >= messages + more && load.acknowledgedEntries() >= entries + more);
    }
}
