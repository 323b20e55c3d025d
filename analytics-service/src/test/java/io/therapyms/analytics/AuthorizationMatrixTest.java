package io.therapyms.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;

/** Every endpoint × anonymous, the therapist, another therapist, a client, an admin; and the parameters' 400s. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest extends AnalyticsTestBase {

    static final List<String> CALLERS = List.of("anonymous", "the therapist", "another therapist", "a client", "admin");

    record Row(String path, int... expected) {
    }

    @Test
    void everyEndpointAnswersEveryKindOfCaller() {
        String t = UUID.randomUUID().toString();
        List<Supplier<RequestSpecification>> callers = List.of(() -> given(),
                () -> as(t, "therapist"), () -> as(UUID.randomUUID().toString(), "therapist"),
                () -> as(UUID.randomUUID().toString(), "client"), () -> as(UUID.randomUUID().toString(), "admin"));
        List<Row> rows = List.of(
                new Row("/api/analytics/therapists/" + t + "/summary", 401, 200, 404, 404, 200),
                new Row("/api/analytics/therapists/" + t + "/summary?bucket=month", 401, 200, 404, 404, 200),
                new Row("/api/analytics/therapists/" + t + "/clients", 401, 200, 404, 404, 200),
                new Row("/api/analytics/practice", 401, 403, 403, 403, 200));
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < CALLERS.size(); i++) {
                int status = callers.get(i).get().get(row.path()).statusCode();
                if (status != row.expected()[i]) {
                    mismatches.add("GET " + row.path() + " as " + CALLERS.get(i) + ": " + status + ", expected "
                            + row.expected()[i]);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void anEmptyHistoryHasTwelveEmptyWeeksInUtc() {
        String t = UUID.randomUUID().toString();
        as(t, "therapist").get("/api/analytics/therapists/" + t + "/summary").then().statusCode(200)
                .body("therapistId", equalTo(t)).body("timezone", equalTo("UTC")).body("buckets.size()", equalTo(12))
                .body("totals.sessions.scheduled", equalTo(0)).body("totals.utilisation", equalTo(null));
        as(t, "therapist").get("/api/analytics/therapists/" + t + "/clients").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", equalTo(null));
    }

    @Test
    void rejectsBadParametersWithProblemDetails() {
        String t = UUID.randomUUID().toString();
        String base = "/api/analytics/therapists/" + t;
        for (String query : List.of("bucket=day", "from=2024-01-01&to=2026-06-01", "timezone=Mars/Olympus",
                "from=yesterday", "from=2026-06-01&to=2026-05-01")) {
            as(t, "therapist").get(base + "/summary?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(t, "therapist").get(base + "/clients?limit=201").then().statusCode(400);
        as(t, "therapist").get(base + "/clients?cursor=forged").then().statusCode(400);
        as("admin-1", "admin").get("/api/analytics/practice?bucket=year").then().statusCode(400);
    }
}
