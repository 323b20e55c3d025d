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
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.ScaledOutStack;

/**
 * Two instances of every service behind one gateway; under a steady write load one instance of EACH service is
 * killed (kill -9). The gateway must keep serving from the survivors: no failed request beyond the ones in flight
 * at the kill (each writer has at most one), no acknowledged write lost, none doubled, every event consumed once
 * in effect (the consumer groups hand the dead members' partitions to the survivors). Slow: runs with -Pfaults.
 */
@Tag("faults")
class ScaleOutTest {

    private static final int WRITING_PAIRS = 4;
    private static final int WRITES_AFTER_KILL = 30;

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
            try (WriteLoad load = WriteLoad.start(api, pairs)) {
                awaitWrites(load, 20, "the load to start");
                refusedBeforeKill = load.refusals();
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
        }
    }

    private static void awaitWrites(WriteLoad load, int more, String what) {
        int messages = load.acknowledgedMessages();
        int entries = load.acknowledgedEntries();
        Awaitility.await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> load.acknowledgedMessages() >= messages + more && load.acknowledgedEntries() >= entries + more);
    }
}
