package io.therapyms.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.gateway.testing.FakeBackend;
import io.therapyms.gateway.testing.FakeBackends;

@QuarkusTest
@WithTestResource(FakeBackends.class)
class HealthTest {

    FakeBackends backends;

    @Test
    void isUpWhenEveryServiceIsReady() {
        given().when().get("/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("services", aMapWithSize(7))
                .body("services.auth-service", equalTo("UP"))
                .body("services.messaging-service", equalTo("UP"))
                .body("services.analytics-service", equalTo("UP"));
    }

    @Test
    void isDownWith503NamingTheServiceThatIsDown() {
        FakeBackend scheduling = backends.backend("scheduling-service");
        scheduling.stop();
        try {
            given().when().get("/health")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("services.scheduling-service", equalTo("DOWN"))
                    .body("services.journal-service", equalTo("UP"));
        } finally {
            scheduling.start();
        }
    }
}
