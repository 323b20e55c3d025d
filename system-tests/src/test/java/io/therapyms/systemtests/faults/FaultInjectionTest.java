package io.therapyms.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.devstack.Apps;
import io.therapyms.devstack.LocalStack;
import io.therapyms.systemtests.fuzz.Fuzzer;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.SystemStack;

/**
 * Issue #8, not part of the default build: {@code ./mvnw -B verify -pl system-tests -Pfaults}. Under a steady write
 * load, every application is killed with -9 in turn and restarted, Kafka is down for a minute, dynalite restarts.
 * Afterwards: every acknowledged write is there, every message raised exactly one notification and counts once in
 * the unread count, the booking race gave one session per slot in 100 rounds, and 10,000 fuzzed requests got no 5xx.
 * Prints the table and fails if any number is not zero.
 */
@Tag("faults")
@ExtendWith(SystemStack.class)
class FaultInjectionTest {

    private static final int WRITING_PAIRS = 4;
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(60);
    /** After each fault the load must get this many more messages and journal entries through: it recovered. */
    private static final int WRITES_TO_RECOVER = 10;
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final int RACE_ROUNDS = 100;
    private static final int RACE_CONTENDERS = 20;

    @Test
    void noAcknowledgedWriteIsLostOrDoubledWhileEverythingBreaksInTurn(Api api, LocalStack stack) throws Exception {
        List<Api.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < WRITING_PAIRS; i++) {
            pairs.add(api.linkedPair());
        }
        Tally tally = new Tally();
        long started = System.nanoTime();

        Map<Api.Pair, WriteLoad.Acknowledged> acknowledged;
        try (WriteLoad load = WriteLoad.start(api, pairs)) {
            awaitProgress(load, "the load to start");
            for (Apps app : Apps.values()) {
                stack.kill9(app);
                stack.restart(app);
                awaitProgress(load, app.module() + " back after kill -9");
            }
            stack.stopKafka();
            // The outage lasts a fixed time on purpose: writes keep coming while their events wait in the outboxes.
            Thread.sleep(KAFKA_OUTAGE.toMillis());
            stack.startKafka();
            awaitProgress(load, "Kafka back after " + KAFKA_OUTAGE.toSeconds() + " s down");
            stack.restartDynalite();
            awaitProgress(load, "dynalite back after a restart");
            acknowledged = load.acknowledged();
        }
        System.out.printf("system-tests: faults done in %.0f s%n", (System.nanoTime() - started) / 1e9);

        WriteChecks.check(api, acknowledged, tally);
        System.out.println("system-tests: writes checked" + tally.table());
        checkBookingRace(api, tally);
        Fuzzer.Report fuzz = new Fuzzer(api).run(Fuzzer.seed(), Fuzzer.configuredRequests(10_000));
        tally.add("fuzzed requests (seed " + fuzz.seed() + ")", fuzz.requests(), fuzz.noAnswer(), 0,
                fuzz.serverErrors());

        System.out.println("system-tests: fault injection summary" + tally.table());
        assertThat(tally.problems()).as(tally.table()).isZero();
    }

    private static void awaitProgress(WriteLoad load, String what) {
        int messagesBefore = load.acknowledgedMessages();
        int entriesBefore = load.acknowledgedEntries();
        long since = System.nanoTime();
        Awaitility.await(what).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> load.acknowledgedMessages() >= messagesBefore + WRITES_TO_RECOVER
                        && load.acknowledgedEntries() >= entriesBefore + WRITES_TO_RECOVER);
        System.out.printf("system-tests: %s: messages and entries acknowledged again after %.1f s (%d and %d so far;"
                + " refused so far: %s)%n", what, (System.nanoTime() - since) / 1e9, load.acknowledgedMessages(),
                load.acknowledgedEntries(), load.refusals());
    }

    private static void checkBookingRace(Api api, Tally tally) {
        BookingRace.Outcome race = new BookingRace(api, RACE_CONTENDERS).run(RACE_ROUNDS);
        tally.add("booking race rounds (" + RACE_CONTENDERS + " approvals at once): approvals won", race.rounds,
                race.roundsWithoutWinner, race.roundsWithSeveralWinners, race.serverErrors);
        tally.add("booking race rounds: sessions per slot", race.rounds, race.roundsWithoutSession,
                race.roundsWithSeveralSessions, 0);
    }
}
