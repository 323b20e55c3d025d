package io.therapyms.clients;

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
import io.therapyms.events.clients.ClientProfileCreated;

/**
 * The packaged client-service image with its own dynalite and Kafka containers (what client-service/docker-compose.yml
 * runs): a client creates and reads their profile, strangers are refused, and ClientProfileCreated reaches Kafka.
 */
class ClientServiceIT {

    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("client-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aClientCreatesAndReadsTheirProfileAndClientProfileCreatedIsPublished() {
        String clientId = UUID.randomUUID().toString();
        String token = TestTokens.forUser(clientId, "client");

        api(token).contentType(ContentType.JSON).body(Map.of("name", "Container Client", "timezone", "Europe/Berlin"))
                .post("/api/clients")
                .then().statusCode(201).body("clientId", equalTo(clientId));
        api(token).get("/api/clients/" + clientId).then().statusCode(200).body("name", equalTo("Container Client"));
        api(TestTokens.forUser(UUID.randomUUID().toString(), "client")).get("/api/clients/" + clientId)
                .then().statusCode(404);
        given().baseUri(system.baseUrl()).get("/api/clients/" + clientId).then().statusCode(401);

        List<String> records = system.recordsOn(Topics.CLIENTS, value -> value.contains(clientId), 1, Duration.ofSeconds(30));
        assertThat(records).as("ClientProfileCreated on %s; service output:%n%s", Topics.CLIENTS, system.serviceLogs())
                .isNotEmpty();
        assertThat(new EventCodec().decode(records.get(0)).data())
                .isEqualTo(new ClientProfileCreated(clientId, "Container Client"));
    }

    private static RequestSpecification api(String token) {
        return given().baseUri(system.baseUrl()).auth().oauth2(token);
    }
}
