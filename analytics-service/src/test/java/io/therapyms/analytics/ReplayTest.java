package io.therapyms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.therapyms.devstack.DevStackResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same history into a fresh application (its own tables and topics, like a replay into empty tables), every
 * event delivered twice and all of them in a shuffled order, so that events about one entity arrive out of order:
 * the figures are the same.
 */
@QuarkusTest
@TestProfile(ReplayTest.FreshTables.class)
@QuarkusTestResource(DevStackResource.class)
class ReplayTest extends AnalyticsTestBase {

    /** A profile of its own: a new application start, hence new tables and topics. */
    public static class FreshTables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("analytics.consumer-group", "analytics-replay");
        }
    }

    @Inject
    DynamoDbClient dynamo;

    @Test
    void duplicatedAndShuffledEventsGiveTheSameFigures() {
        History h = new History(17);
        List<EventLog.Published> twice = new ArrayList<>(h.log.events());
        twice.addAll(h.log.events());
        Collections.shuffle(twice, new Random(4711));
        EventLog.produce(bootstrap, prefix, twice);

        awaitFigures(h);
        assertRows(h);
        assertNoTraceOf(dynamo, prefix, h.erasedClient, "Client 5", "Account 5");

        // only this history's two therapists are in these tables: the practice's totals are theirs
        JsonNode practice = read(as("admin-of-replay", "admin")
                .get("/api/analytics/practice?from=2026-09-07&to=2026-11-30&timezone=Europe/Berlin")
                .then().statusCode(200).extract().asString());
        Map<String, Object> mine = h.expected(h.from(), h.to());
        assertThat(practice.get("therapists")).hasSize(2);
        assertThat(practice.at("/totals/sessions/completed").asLong())
                .isEqualTo((Long) mine.get("sessions.completed") + h.otherSessions.size());
        assertThat(practice.at("/totals/offeredHours").asDouble())
                .isCloseTo((Double) mine.get("offeredHours") + 3.0, org.assertj.core.data.Offset.offset(0.011));
        assertThat(practice.at("/totals/requests/received").asLong())
                .isEqualTo((Long) mine.get("requests.received") + 1);
    }
}
