package io.therapyms.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import io.therapyms.events.messaging.MessageSent;

/**
 * The packaged messaging-service image with its own dynalite and Kafka containers (what
 * messaging-service/docker-compose.yml runs): once MappingApproved links a pair, a message goes through, the
 * recipient is notified, and MessageSent reaches Kafka without the content.
 */
class MessagingServiceIT {

    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("messaging-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void linkedPartiesExchangeAMessageTheRecipientIsNotifiedAndMessageSentIsPublished() {
        String therapistId = UUID.randomUUID().toString();
        String clientId = UUID.randomUUID().toString();
        String content = "container test message " + UUID.randomUUID();
        Map<String, String> message = Map.of("recipientId", clientId, "content", content);
        api(therapistId, "therapist").body(message).post("/api/messages").then().statusCode(403);

        system.linkClientAndTherapist(clientId, therapistId);
        // The link arrives through Kafka: until then the message is refused.
        await().atMost(Duration.ofSeconds(30)).until(() -> api(therapistId, "therapist").body(message)
                .post("/api/messages").statusCode() == 201);
        String messageId = api(clientId, "client").queryParam("with", therapistId).get("/api/messages")
                .then().statusCode(200).body("items[0].content", equalTo(content)).extract().path("items[0].messageId");

        await().atMost(Duration.ofSeconds(30)).until(() -> api(clientId, "client").get("/api/notifications")
                .then().extract().<List<String>>path("items.subjectId").contains(messageId));
        List<String> records = system.recordsOn(Topics.MESSAGING, value -> value.contains(messageId), 1,
                Duration.ofSeconds(30));
        assertThat(records).as("MessageSent on %s; service output:%n%s", Topics.MESSAGING, system.serviceLogs())
                .isNotEmpty();
        assertThat(new EventCodec().decode(records.get(0)).data())
                .isEqualTo(new MessageSent(messageId, therapistId, clientId));
        assertThat(records.get(0)).doesNotContain(content);
    }

    private static RequestSpecification api(String userId, String role) {
        return given().baseUri(system.baseUrl()).auth().oauth2(TestTokens.forUser(userId, role))
                .contentType(ContentType.JSON);
    }
}
