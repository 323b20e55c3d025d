package io.therapyms.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.TestTokens;

/** What the analytics tests share: the test stack's broker and prefix, callers, and the figures' comparison. */
abstract class AnalyticsTestBase {

    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tms.resource-prefix")
    String prefix;

    static RequestSpecification as(String userId, String role) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.forUser(userId, role));
    }

    static JsonNode summary(String therapistId, String query) {
        return read(as(therapistId, "therapist").get("/api/analytics/therapists/" + therapistId + "/summary?" + query)
                .then().statusCode(200).extract().asString());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The history's weekly and monthly figures, as the service gives them once every event is applied. */
    static void awaitFigures(History h) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode weeks = summary(h.therapist, "from=2026-09-07&to=2026-11-30&bucket=week&timezone=Europe/Berlin");
            assertFigures(h, weeks, h.weekBoundaries());
        });
        List<Instant> months = new ArrayList<>();
        for (int m = 0; m <= 3; m++) {
            months.add(LocalDate.of(2026, 9, 1).plusMonths(m).atStartOfDay(History.ZONE).toInstant());
        }
        // no ?timezone=: the zone the therapist's profile names (TherapistProfileUpdated), else it would be UTC
        assertFigures(h, summary(h.therapist, "from=2026-09-07&to=2026-11-30&bucket=month"), months);
    }

    static void assertFigures(History h, JsonNode summary, List<Instant> boundaries) {
        assertThat(summary.get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(summary.get("asOf").isNull()).as("asOf").isFalse();
        JsonNode buckets = summary.get("buckets");
        assertThat(buckets).hasSize(boundaries.size() - 1);
        for (int i = 0; i < boundaries.size() - 1; i++) {
            JsonNode bucket = buckets.get(i);
            assertThat(Instant.parse(bucket.get("start").asText())).isEqualTo(boundaries.get(i));
            compare("bucket " + i + " (" + boundaries.get(i) + ")", h.expected(boundaries.get(i), boundaries.get(i + 1)),
                    bucket);
        }
        compare("totals", h.expected(boundaries.get(0), boundaries.get(boundaries.size() - 1)), summary.get("totals"));
    }

    static void compare(String where, Map<String, Object> expected, JsonNode actual) {
        expected.forEach((field, value) -> {
            JsonNode node = actual.at("/" + field.replace('.', '/'));
            String what = where + " " + field;
            if (value == null) {
                assertThat(node.isNull()).as(what + " is null, not " + node).isTrue();
            } else if (value instanceof Long count) {
                assertThat(node.asLong()).as(what).isEqualTo(count);
            } else {
                assertThat(node.isNumber()).as(what + " is a number: " + node).isTrue();
                assertThat(node.asDouble()).as(what).isCloseTo((Double) value, org.assertj.core.data.Offset.offset(0.011));
            }
        });
    }

    /** Every client row equals the history's: who has one, names, session counts, unread messages, grants. */
    static void assertRows(History h) {
        JsonNode rows = read(as(h.therapist, "therapist").get("/api/analytics/therapists/" + h.therapist + "/clients")
                .then().statusCode(200).extract().asString()).get("items");
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("clientId").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(h.rowClients());
        Instant now = Instant.now();
        for (JsonNode row : rows) {
            String c = row.get("clientId").asText();
            List<History.Session> own = h.sessions.stream().filter(s -> s.clientId().equals(c)).toList();
            assertThat(row.get("name").asText()).isEqualTo("Client " + h.clients.indexOf(c));
            assertThat(row.get("attended").asLong()).as("attended").isEqualTo(own.stream()
                    .filter(s -> s.status().equals("completed")).count());
            assertThat(row.get("noShows").asLong()).isEqualTo(own.stream().filter(s -> s.status().equals("no_show")).count());
            assertThat(row.get("lateCancellations").asLong()).isEqualTo(own.stream().filter(History.Session::late).count());
            assertThat(row.get("unreadFromClient").asInt()).isEqualTo(h.unread.getOrDefault(c, 0));
            assertThat(row.at("/journalGrant/status").asText()).as("grant of " + c).isEqualTo(h.grants.getOrDefault(c, "none"));
            Instant last = own.stream().filter(s -> !s.status().equals("cancelled") && !s.start().isAfter(now))
                    .map(History.Session::start).max(Instant::compareTo).orElse(null);
            assertThat(row.get("lastSessionAt").isNull() ? null : Instant.parse(row.get("lastSessionAt").asText()))
                    .isEqualTo(last);
            Instant next = c.equals(h.clients.get(0)) ? h.futureStart : null;
            assertThat(row.get("nextSessionAt").isNull() ? null : Instant.parse(row.get("nextSessionAt").asText()))
                    .isEqualTo(next);
            History.Episode latest = h.episodes.stream().filter(e -> e.clientId().equals(c))
                    .max((a, b) -> a.linked().compareTo(b.linked())).orElseThrow();
            assertThat(Instant.parse(row.get("linkedAt").asText())).isEqualTo(latest.linked());
        }
    }

    /** Every item of the analytics table (a test may Scan; the service never does). */
    static List<Map<String, AttributeValue>> everyItem(DynamoDbClient dynamo, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(prefix + "analytics")).items().forEach(items::add);
        return items;
    }

    /** The erased client's id and names appear nowhere in the read models, while their facts still count. */
    static void assertNoTraceOf(DynamoDbClient dynamo, String prefix, String clientId, String... names) {
        for (Map<String, AttributeValue> item : everyItem(dynamo, prefix)) {
            if (item.get("pk").s().equals("ERASED#" + clientId)) {
                continue; // the marker that files late events under the token
            }
            String text = item.toString();
            assertThat(text).as("an item of the analytics table").doesNotContain(clientId);
            for (String name : names) {
                assertThat(text).doesNotContain(name);
            }
        }
    }
}
