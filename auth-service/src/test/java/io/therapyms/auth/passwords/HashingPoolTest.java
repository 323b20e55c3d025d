package io.therapyms.auth.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.therapyms.platform.errors.ServiceUnavailableException;

class HashingPoolTest {

    @Test
    void queuesUpToItsBoundAndRefusesTheNextAtOnce() throws Exception {
        try (HashingPool pool = new HashingPool(1, 1)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> pool.run(() -> {
                running.countDown();
                awaitRelease(release);
                return "first";
            }));
            running.await();
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> pool.run(() -> "second"));
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.queued() == 1);

            assertThatThrownBy(() -> pool.run(() -> "third"))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).isBetween(1L, 30L);
                    });

            release.countDown();
            assertThat(first.get()).isEqualTo("first");
            assertThat(second.get()).isEqualTo("second");
            assertThat(pool.run(() -> "after the burst")).isEqualTo("after the burst");
        }
    }

    @Test
    void passesTheWorksOwnFailureThrough() {
        try (HashingPool pool = new HashingPool(1, 0)) {
            assertThatThrownBy(() -> pool.run(() -> {
                throw new IllegalArgumentException("not a bcrypt hash");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("not a bcrypt hash");
        }
    }

    @Test
    void refusesANonsensicalSize() {
        assertThatThrownBy(() -> new HashingPool(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashingPool(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
