package io.therapyms.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.TestTokens;
import io.therapyms.devstack.containers.ServiceContainers;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.SlotsCreated;

/**
 * The packaged analytics-service image with its own dynalite and Kafka containers (what
 * analytics-service/docker-compose.yml runs): a link and a batch of slots published on Kafka become the therapist's
 * caseload and offered hours.
 */
class AnalyticsServiceIT {

    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("analytics-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aLinkAndSlotsOnKafkaBecomeTheTherapistsFigures() {
        String therapistId = UUID.randomUUID().toString();
        String clientId = UUID.randomUUID().toString();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        String slotId = UUID.randomUUID().toString();
        system.linkClientAndTherapist(clientId, therapistId);
        system.publish(Topics.SCHEDULING, therapistId, new SlotsCreated(therapistId, List.of(slotId),
                List.of(new SlotsCreated.SlotTimes(slotId, start, start.plus(Duration.ofMinutes(90))))));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api(therapistId, "therapist")
                .get("/api/analytics/therapists/" + therapistId + "/summary").then().statusCode(200)
                .body("totals.offeredHours", equalTo(1.5f)).body("totals.caseload.active", equalTo(1)));
        api(therapistId, "therapist").get("/api/analytics/therapists/" + therapistId + "/clients").then()
                .statusCode(200).body("items[0].clientId", equalTo(clientId));
        api(UUID.randomUUID().toString(), "client").get("/api/analytics/therapists/" + therapistId + "/summary")
                .then().statusCode(404);
    }

    private static RequestSpecification api(String userId, String role) {
        return given().baseUri(system.baseUrl()).auth().oauth2(TestTokens.forUser(userId, role))
                .contentType(ContentType.JSON);
    }
}
