package io.therapyms.scheduling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.TestTokens;
import io.therapyms.devstack.containers.ServiceContainers;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.scheduling.AppointmentRequested;

/**
 * The packaged scheduling-service image with its own dynalite and Kafka containers (what
 * scheduling-service/docker-compose.yml runs): it learns a link from MappingApproved on Kafka, a therapist opens a
 * slot, the linked client requests it, and AppointmentRequested reaches Kafka.
 */
class SchedulingServiceIT {

    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("scheduling-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aLinkedClientRequestsAnOpenSlotAndAppointmentRequestedIsPublished() {
        String therapistId = UUID.randomUUID().toString();
        String clientId = UUID.randomUUID().toString();
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        String slotId = api(therapistId, "therapist")
                .body(Map.of("slots", List.of(Map.of("startTime", start.toString(),
                        "endTime", start.plus(Duration.ofMinutes(50)).toString()))))
                .post("/api/session-slots/" + therapistId)
                .then().statusCode(201).extract().path("items[0].slotId");

        system.linkClientAndTherapist(clientId, therapistId);
        // The link arrives through Kafka: until then the client is a stranger to the therapist's slots.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api(clientId, "client").get("/api/session-slots/" + therapistId).statusCode() == 200);
        String requestId = api(clientId, "client").body(Map.of("slotId", slotId)).post("/api/appointment-requests")
                .then().statusCode(201).body("status", equalTo("pending")).extract().path("appointmentRequestId");

        List<String> records = system.recordsOn(Topics.SCHEDULING, value -> value.contains(requestId), 1,
                Duration.ofSeconds(30));
        assertThat(records).as("AppointmentRequested on %s; service output:%n%s", Topics.SCHEDULING,
                system.serviceLogs()).isNotEmpty();
        assertThat(new EventCodec().decode(records.get(0)).data()).isEqualTo(new AppointmentRequested(
                requestId, slotId, clientId, therapistId, start, start.plus(Duration.ofMinutes(50))));
    }

    private static RequestSpecification api(String userId, String role) {
        return given().baseUri(system.baseUrl()).auth().oauth2(TestTokens.forUser(userId, role))
                .contentType(ContentType.JSON);
    }
}
