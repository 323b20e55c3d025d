package io.therapyms.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.gateway.testing.TwoInstanceBackends;

/** A service with two instances: both serve, a dead one costs no request, a not-ready one leaves the rotation. */
@QuarkusTest
@WithTestResource(TwoInstanceBackends.class)
class BalancingTest {

    private static final String PATH = "/api/clients/c-1";

    TwoInstanceBackends backends;

    @AfterEach
    void bothUpAgain() {
        backends.first().setReady(true);
        backends.second().setReady(true);
        restart(backends.first());
        restart(backends.second());
    }

    @Test
    void requestsAreSharedByBothInstances() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ports.add(servingPort());
        }
        assertThat(ports).containsExactlyInAnyOrder(backends.first().port(), backends.second().port());
    }

    @Test
    void anInstanceThatStoppedCostsNoRequestAfterIt() {
        backends.first().stop();
        // From the very first request on: a refused connection is retried on the other instance.
        for (int i = 0; i < 20; i++) {
            assertThat(servingPort()).isEqualTo(backends.second().port());
        }
        given().get("/health").then().statusCode(200);
    }

    @Test
    void aNotReadyInstanceLeavesTheRotationWithinSecondsAndComesBack() {
        backends.first().setReady(false);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (int i = 0; i < 6; i++) {
                if (servingPort() == backends.first().port()) {
                    return false;
                }
            }
            return true;
        });
        for (int i = 0; i < 20; i++) {
            assertThat(servingPort()).isEqualTo(backends.second().port());
        }
        backends.first().setReady(true);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                ports.add(servingPort());
            }
            return ports.contains(backends.first().port());
        });
    }

    @Test
    void whenEveryInstanceIsDownTheCallerGetsA502Problem() {
        backends.first().stop();
        backends.second().stop();
        given().get(PATH).then().statusCode(502).contentType("application/problem+json");
        given().get("/health").then().statusCode(503);
    }

    private static int servingPort() {
        return given().get(PATH).then().statusCode(200).extract().jsonPath().getInt("port");
    }

    private static void restart(io.therapyms.gateway.testing.FakeBackend backend) {
        try {
            backend.start();
        } catch (RuntimeException alreadyRunning) {
            // started already: the port is taken by itself
        }
    }
}
