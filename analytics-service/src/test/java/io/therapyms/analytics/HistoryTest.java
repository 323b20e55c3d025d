package io.therapyms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A generated 12-week history published to the topics as its producers would: the summary (weekly and monthly,
 * in Berlin time across the end of summer time), the client rows and the practice view equal what the test
 * counts from its own model of the history, including a client erased in week 10 whose counts stay.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class HistoryTest extends AnalyticsTestBase {

    @Inject
    DynamoDbClient dynamo;

    @Test
    void figuresEqualTheHistoryAndTheErasedClientLeavesOnlyCounts() {
        History h = new History(17);
        EventLog.produce(bootstrap, prefix, h.log.events());

        awaitFigures(h);
        assertRows(h);
        assertThat(h.withdrawnSlots).as("slots withdrawn by SlotDeleted, whose hours are not offered").isPositive();
        assertThat(h.sessions.stream().filter(s -> s.clientId().equals(h.erasedClient))).as("the erased client's sessions")
                .isNotEmpty();
        assertNoTraceOf(dynamo, prefix, h.erasedClient, "Client 5", "Account 5");

        JsonNode practice = read(as("admin-of-history", "admin")
                .get("/api/analytics/practice?from=2026-09-07&to=2026-11-30&timezone=Europe/Berlin")
                .then().statusCode(200).extract().asString());
        JsonNode other = null;
        for (JsonNode therapist : practice.get("therapists")) {
            if (therapist.get("therapistId").asText().equals(h.otherTherapist)) {
                other = therapist;
            }
        }
        assertThat(other).as("the other therapist in the practice view").isNotNull();
        assertThat(other.get("name").asText()).isEqualTo("Dr Other");
        assertThat(other.get("offeredHours").asDouble()).isEqualTo(3.0);
        assertThat(other.get("bookedHours").asDouble()).isEqualTo(1.0);
        assertThat(practice.toString()).doesNotContain(h.clients.get(0));
    }
}
