package io.therapyms.therapists;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
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
import io.therapyms.events.therapists.TherapistProfileCreated;

/**
 * The packaged therapist-service image with its own dynalite and Kafka containers (what
 * therapist-service/docker-compose.yml runs): a therapist creates a profile, which stays unverified and hidden from
 * others, and TherapistProfileCreated reaches Kafka.
 */
class TherapistServiceIT {

    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("therapist-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aTherapistCreatesAProfileAndTherapistProfileCreatedIsPublished() {
        String therapistId = UUID.randomUUID().toString();
        String token = TestTokens.forUser(therapistId, "therapist");

        api(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Container Therapist", "expertise", List.of("anxiety"), "location", "Berlin",
                        "acceptingClients", true))
                .post("/api/therapists")
                .then().statusCode(201).body("therapistId", equalTo(therapistId)).body("verified", equalTo(false));
        api(token).get("/api/therapists/" + therapistId).then().statusCode(200).body("name", equalTo("Container Therapist"));
        // Unverified: nobody else finds the profile until an admin verifies it.
        api(TestTokens.forUser(UUID.randomUUID().toString(), "client")).get("/api/therapists/" + therapistId)
                .then().statusCode(404);
        given().baseUri(system.baseUrl()).get("/api/therapists/" + therapistId).then().statusCode(401);

        List<String> records = system.recordsOn(Topics.THERAPISTS, value -> value.contains(therapistId), 1,
                Duration.ofSeconds(30));
        assertThat(records).as("TherapistProfileCreated on %s; service output:%n%s", Topics.THERAPISTS,
                system.serviceLogs()).isNotEmpty();
        assertThat(new EventCodec().decode(records.get(0)).data())
                .isEqualTo(new TherapistProfileCreated(therapistId, "Container Therapist", false));
    }

    private static RequestSpecification api(String token) {
        return given().baseUri(system.baseUrl()).auth().oauth2(token);
    }
}
