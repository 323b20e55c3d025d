package io.therapyms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;

/**
 * A burst of logins larger than the bcrypt pool and its queue: the surplus is refused at once with 503,
 * problem+json and Retry-After, and the logins that got a thread still succeed. With an unbounded pool
 * (the old behaviour) every login would wait and none would be refused.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
@TestProfile(LoginFloodTest.OneHashingThreadNoQueue.class)
class LoginFloodTest {

    public static class OneHashingThreadNoQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // cost 10: each hash takes tens of milliseconds, so a simultaneous burst overlaps on one thread
            return Map.of("tms.auth.hashing.threads", "1", "tms.auth.hashing.queue", "0", "tms.auth.bcrypt-cost", "10");
        }
    }

    @Test
    void refusesTheSurplusOfABurstWith503AndRetryAfter() throws Exception {
        AuthApi.User user = AuthApi.newUser("client");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Response> refused = new ArrayList<>();
            List<Response> answered = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (Response r : burst(callers, user, 8)) {
                    (r.statusCode() == 503 ? refused : answered).add(r);
                }
                return !refused.isEmpty();
            });
            assertThat(answered).extracting(Response::statusCode).containsOnly(200);
            assertThat(answered).isNotEmpty();
            Response busy = refused.get(0);
            assertThat(busy.contentType()).isEqualTo("application/problem+json");
            assertThat(JsonPath.from(busy.asString()).getString("type")).endsWith("/service-unavailable");
            assertThat(busy.asString()).doesNotContain("Exception").doesNotContain("at io.");
            assertThat(Long.parseLong(busy.header("Retry-After"))).isBetween(1L, 30L);
        } finally {
            callers.shutdownNow();
        }
    }

    private static List<Response> burst(ExecutorService callers, AuthApi.User user, int size) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return AuthApi.login(user.email(), user.password());
            }, callers));
        }
        start.countDown();
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
