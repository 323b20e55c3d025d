package io.therapyms.journal;

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
import io.therapyms.events.journal.JournalEntryCreated;

/**
 * The packaged journal-service image with its own dynalite and Kafka containers (what
 * journal-service/docker-compose.yml runs): a client writes and reads an entry, an unrelated therapist sees nothing,
 * and JournalEntryCreated reaches Kafka carrying ids only.
 */
class JournalServiceIT {

    private static ServiceContainers system;

    @BeforeAll
    static void start() {
        system = ServiceContainers.start("journal-service");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aClientWritesAnEntryAndOnlyItsIdsReachKafka() {
        String clientId = UUID.randomUUID().toString();
        String content = "container test entry " + UUID.randomUUID();
        String entryId = api(clientId, "client")
                .body(Map.of("content", content, "feeling", "hopeful", "intensity", 7))
                .post("/api/journals/" + clientId)
                .then().statusCode(201).body("content", equalTo(content)).extract().path("journalEntryId");
        api(clientId, "client").get("/api/journals/" + clientId + "/" + entryId)
                .then().statusCode(200).body("feeling", equalTo("hopeful"));
        api(UUID.randomUUID().toString(), "therapist").get("/api/journals/" + clientId).then().statusCode(404);

        List<String> records = system.recordsOn(Topics.JOURNAL, value -> value.contains(entryId), 1, Duration.ofSeconds(30));
        assertThat(records).as("JournalEntryCreated on %s; service output:%n%s", Topics.JOURNAL, system.serviceLogs())
                .isNotEmpty();
        assertThat(new EventCodec().decode(records.get(0)).data()).isEqualTo(new JournalEntryCreated(entryId, clientId));
        assertThat(records.get(0)).doesNotContain(content).doesNotContain("hopeful").doesNotContain("intensity");
    }

    private static RequestSpecification api(String userId, String role) {
        return given().baseUri(system.baseUrl()).auth().oauth2(TestTokens.forUser(userId, role))
                .contentType(ContentType.JSON);
    }
}
