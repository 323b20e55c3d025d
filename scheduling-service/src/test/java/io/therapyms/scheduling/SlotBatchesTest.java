package io.therapyms.scheduling;

import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.walk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

/** Racing slot batches of one therapist never leave two overlapping slots. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class SlotBatchesTest {

    static final int RACERS = 8;

    @Test
    void racingBatchesOfPairwiseOverlappingSlotsCreateExactlyOne() throws Exception {
        String t = newId();
        for (int round = 0; round < 5; round++) {
            Instant start = future(80 + round, 9);
            // racer i: [start + 5i min, +60 min) — every two of them overlap
            List<Integer> codes = race(t, i -> List.of(range(start.plus(Duration.ofMinutes(5L * i)), 60)));
            assertThat(codes).as("round %d", round).filteredOn(c -> c == 201).hasSize(1);
            assertThat(codes).as("round %d", round).filteredOn(c -> c == 409).hasSize(RACERS - 1);
        }
        assertNoOverlaps(t, 5);
    }

    @Test
    void racingMultiSlotBatchesLeaveNoOverlapAndWriteEachWinnerWhole() throws Exception {
        String t = newId();
        Instant start = future(90, 6);
        // racer i: three slots 20·i minutes later than racer 0's: neighbours up to two apart overlap
        List<Integer> codes = race(t, i -> List.of(range(start.plus(Duration.ofMinutes(20L * i)), 60),
                range(start.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(20L * i)), 60),
                range(start.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(20L * i)), 60)));
        long created = codes.stream().filter(c -> c == 201).count();
        assertThat(created).isPositive();
        assertThat(codes).allMatch(c -> c == 201 || c == 409);
        assertNoOverlaps(t, (int) created * 3);
    }

    private interface BatchOf {
        List<Map<String, String>> slots(int racer);
    }

    private static List<Integer> race(String therapistId, BatchOf batchOf) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Map<String, Object> body = Map.of("slots", batchOf.slots(i));
                results.add(pool.submit(() -> {
                    go.await();
                    return as(therapistId, "therapist").body(body).post("/api/session-slots/" + therapistId)
                            .statusCode();
                }));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> result : results) {
                codes.add(result.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertNoOverlaps(String therapistId, int expectedSlots) {
        List<Map<String, Object>> slots = walk(() -> as(therapistId, "therapist"), "/api/session-slots/" + therapistId,
                Map.of(), 200);
        assertThat(slots).hasSize(expectedSlots);
        for (int i = 1; i < slots.size(); i++) {
            Instant previousEnd = Instant.parse((String) slots.get(i - 1).get("endTime"));
            Instant start = Instant.parse((String) slots.get(i).get("startTime"));
            assertThat(start).as("slot %d starts after slot %d ends", i, i - 1).isAfterOrEqualTo(previousEnd);
        }
    }

    private static Map<String, String> range(Instant start, int minutes) {
        return Map.of("startTime", start.toString(), "endTime", start.plus(Duration.ofMinutes(minutes)).toString());
    }
}
