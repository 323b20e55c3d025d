package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.containers.ServiceContainers;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.identity.UserRegistered;

/**
 * The packaged auth-service image with its own dynalite and Kafka containers (what auth-service/docker-compose.yml
 * runs): sign-up, login and the token it issues work, and UserRegistered reaches Kafka.
 */
class AuthServiceIT {

    private static final EventCodec CODEC = new EventCodec();
    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("auth-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void signupAndLoginIssueATokenTheServiceAcceptsAndUserRegisteredIsPublished() {
        String email = "it-" + UUID.randomUUID() + "@example.org";
        String userId = api().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", AuthApi.PASSWORD, "role", "client", "name", "Container Test"))
                .post("/api/signup")
                .then().statusCode(201).body("email", equalTo(email)).extract().path("userId");

        String accessToken = api().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", AuthApi.PASSWORD))
                .post("/api/login")
                .then().statusCode(200).extract().path("accessToken");
        api().auth().oauth2(accessToken).get("/api/auth/me")
                .then().statusCode(200).body("userId", equalTo(userId)).body("role", equalTo("client"));

        List<String> records = system.recordsOn(Topics.IDENTITY, value -> value.contains(userId), 1, Duration.ofSeconds(30));
        assertThat(records).as("UserRegistered for %s on %s; service output:%n%s", userId, Topics.IDENTITY,
                system.serviceLogs()).isNotEmpty();
        DecodedEvent event = CODEC.decode(records.get(0)); // schema-checked
        assertThat(event.data()).isEqualTo(new UserRegistered(userId, "client", email, "Container Test"));
    }

    @Test
    void aWrongPasswordIsRefusedWithAProblemAndNoInternals() {
        api().contentType(ContentType.JSON)
                .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org", "password", "wrong password 1"))
                .post("/api/login")
                .then().statusCode(401).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    private static RequestSpecification api() {
        return given().baseUri(system.baseUrl());
    }
}
