package io.therapyms.systemtests.faults;

import static io.therapyms.systemtests.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.awaitility.core.ConditionTimeoutException;

import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.User;

/**
 * API.md: "However many approvals race, one slot gets exactly one session; the losers get 409." Each round, every
 * client of one therapist asks for the same slot, and the therapist's approvals of all those requests are released at
 * the same instant. Counted per round: how many approvals won (must be 1), how many sessions the slot got (must be 1).
 */
final class BookingRace {

    /** What the rounds came to. */
    static final class Outcome {
        int rounds;
        int roundsWithoutWinner;
        int roundsWithSeveralWinners;
        int roundsWithoutSession;
        int roundsWithSeveralSessions;
        int serverErrors;
    }

    private final Api api;
    private final int contenders;
    private final ExecutorService pool;

    BookingRace(Api api, int contenders) {
        this.api = api;
        this.contenders = contenders;
        this.pool = Executors.newFixedThreadPool(contenders);
    }

    Outcome run(int rounds) {
        try {
            User therapist = api.verifiedTherapist();
            List<User> clients = inParallel(IntStream.range(0, contenders).boxed().toList(), ignored -> {
                User client = api.client();
                api.link(client, therapist);
                return client;
            });
            eventually().untilAsserted(() -> assertThat(clients).allSatisfy(client -> assertThat(
                    api.as(client).get("/api/session-slots/{id}", therapist.id()).statusCode()).isEqualTo(200)));
            List<String> slots = Slots.create(api, therapist, rounds);
            Outcome outcome = new Outcome();
            for (String slotId : slots) {
                race(therapist, clients, slotId, outcome);
                if (outcome.rounds % 10 == 0) {
                    System.out.println("system-tests: booking race: " + outcome.rounds + " of " + rounds + " rounds done");
                }
            }
            return outcome;
        } finally {
            pool.shutdownNow();
        }
    }

    private void race(User therapist, List<User> clients, String slotId, Outcome outcome) {
        List<String> requestIds = inParallel(clients, client -> Slots.request(api, client, slotId));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> approvals = requestIds.stream()
                .map(requestId -> CompletableFuture.supplyAsync(() -> {
                    awaitGate(start);
                    return api.as(therapist).body(Map.of("status", "approved"))
                            .put("/api/appointment-requests/{id}", requestId).statusCode();
                }, pool))
                .toList();
        start.countDown();
        List<Integer> statuses = approvals.stream().map(CompletableFuture::join).toList();
        long winners = statuses.stream().filter(status -> status == 200).count();
        outcome.rounds++;
        outcome.serverErrors += (int) statuses.stream().filter(status -> status >= 500).count();
        if (winners == 0) {
            outcome.roundsWithoutWinner++;
        } else if (winners > 1) {
            outcome.roundsWithSeveralWinners++;
        }
        int sessions = sessionsOnceSettled(therapist, slotId, Set.copyOf(requestIds));
        if (sessions == 0) {
            outcome.roundsWithoutSession++;
        } else if (sessions > 1) {
            outcome.roundsWithSeveralSessions++;
        }
        if (winners != 1 || sessions != 1 || statuses.stream().anyMatch(status -> status != 200 && status != 409)) {
            System.out.println("system-tests: booking race on slot " + slotId + ": approvals " + statuses + ", sessions "
                    + sessions);
        }
    }

    /**
     * The session and the other requests' rejections follow the winning approval; once no request of the round is
     * pending (so no client nears its limit of 10 pending requests), the slot's sessions are counted.
     */
    private int sessionsOnceSettled(User therapist, String slotId, Set<String> requestIds) {
        try {
            eventually().until(() -> api.allPages(therapist, "/api/appointment-requests", Map.of("status", "pending"),
                    page -> page.<String>getList("items.appointmentRequestId"))
                    .stream().noneMatch(requestIds::contains)
                    && !Slots.sessionsOf(api, therapist, slotId).isEmpty());
        } catch (ConditionTimeoutException stillPendingOrNoSession) {
            // counted below as it is
        }
        return Slots.sessionsOf(api, therapist, slotId).size();
    }

    private <T, R> List<R> inParallel(List<T> inputs, Function<T, R> work) {
        List<CompletableFuture<R>> futures = inputs.stream()
                .map(input -> CompletableFuture.supplyAsync(() -> work.apply(input), pool)).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitGate(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
