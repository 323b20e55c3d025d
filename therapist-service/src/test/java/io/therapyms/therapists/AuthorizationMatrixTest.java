package io.therapyms.therapists;

import static io.restassured.RestAssured.given;
import static io.therapyms.therapists.TherapistApi.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.therapists.clients.KnownClients;

/**
 * Every endpoint of therapist-service × every kind of caller, with the status each must get. The
 * bodies are valid, so the status shows the authorization decision. "Owner" is the therapist the
 * resource belongs to; the linked client is linked to them; the others have no relationship.
 * Rows run endpoint by endpoint, callers in the enum's order (the owner last, since its change may
 * consume the resource).
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest {

    enum CallerKind { ANONYMOUS, UNRELATED_CLIENT, LINKED_CLIENT, UNLINKED_THERAPIST, ADMIN, OWNER }

    record World(String owner, String linkedClient, String unrelatedClient, String unlinkedTherapist, String admin,
            String pendingRequestId) {

        String idOf(CallerKind caller) {
            return switch (caller) {
                case ANONYMOUS -> null;
                case UNRELATED_CLIENT -> unrelatedClient;
                case LINKED_CLIENT -> linkedClient;
                case UNLINKED_THERAPIST -> unlinkedTherapist;
                case ADMIN -> admin;
                case OWNER -> owner;
            };
        }

        String roleOf(CallerKind caller) {
            return switch (caller) {
                case UNRELATED_CLIENT, LINKED_CLIENT -> "client";
                case UNLINKED_THERAPIST, OWNER -> "therapist";
                case ADMIN -> "admin";
                case ANONYMOUS -> null;
            };
        }
    }

    /** One endpoint: its path and body may depend on the caller (e.g. a fresh resource for an admin). */
    record Row(String name, String method, Function<CallerKind, String> path, Function<CallerKind, Object> body,
            Map<CallerKind, Integer> expected) {
    }

    @Inject
    KnownClients knownClients;

    @Test
    void everyEndpointAnswersEveryCallerAsSpecified() {
        World w = world();
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows(w)) {
            for (CallerKind caller : CallerKind.values()) {
                String path = row.path().apply(caller);
                Object body = row.body().apply(caller);
                int status = request(w, caller).body(body == null ? Map.of() : body).request(row.method(), path).statusCode();
                int expected = row.expected().get(caller);
                if (status != expected) {
                    mismatches.add(caller + " " + row.name() + ": expected " + expected + " got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private World world() {
        String owner = TherapistApi.newVerifiedTherapist("Dr. Owner");
        String linked = newId();
        TherapistApi.link(linked, owner);
        knownClients.registered(linked, "Linked Client");
        String unlinkedTherapist = TherapistApi.newVerifiedTherapist("Dr. Unlinked");
        String pending = TherapistApi.requestMapping(newId(), owner).then().statusCode(201)
                .extract().path("mappingRequestId");
        return new World(owner, linked, newId(), unlinkedTherapist, newId(), pending);
    }

    private List<Row> rows(World w) {
        List<Row> rows = new ArrayList<>();
        String owner = "/api/therapists/" + w.owner();
        rows.add(new Row("create profile", "POST", c -> "/api/therapists",
                c -> TherapistApi.profile("Dr. New", List.of("anxiety"), "Berlin", true),
                expect(401, 403, 403, 409, 403, 409)));
        rows.add(new Row("directory", "GET", c -> "/api/therapists", c -> null, expect(401, 200, 200, 200, 200, 200)));
        rows.add(new Row("get profile", "GET", c -> owner, c -> null, expect(401, 200, 200, 200, 200, 200)));
        rows.add(new Row("edit profile", "PUT", c -> owner, c -> Map.of("acceptingClients", true),
                expect(401, 403, 403, 403, 200, 200)));
        rows.add(new Row("verify", "POST", c -> owner + "/verification", c -> Map.of("verified", true),
                expect(401, 403, 403, 403, 204, 403)));
        rows.add(new Row("caseload", "GET", c -> owner + "/clients", c -> null, expect(401, 403, 403, 403, 200, 200)));
        rows.add(new Row("request mapping", "POST", c -> "/api/mapping-requests",
                c -> "therapist".equals(w.roleOf(c)) ? Map.of("clientId", w.linkedClient()) : Map.of("therapistId", w.owner()),
                expect(401, 201, 409, 201, 403, 409)));
        rows.add(new Row("list mapping requests", "GET", c -> "/api/mapping-requests", c -> null,
                expect(401, 200, 200, 200, 200, 200)));
        rows.add(new Row("decide mapping request", "PUT", c -> "/api/mapping-requests/" + w.pendingRequestId(),
                c -> Map.of("status", "rejected"), expect(401, 404, 404, 404, 403, 200)));
        rows.add(new Row("end mapping", "DELETE", c -> switch (c) {
            case ADMIN, OWNER -> {
                String client = newId();
                TherapistApi.link(client, w.owner());
                yield "/api/mappings/" + client + "/" + w.owner();
            }
            default -> "/api/mappings/" + w.linkedClient() + "/" + w.owner();
        }, c -> null, expect(401, 404, 204, 404, 204, 204)));
        rows.add(new Row("delete profile", "DELETE", c -> c == CallerKind.ADMIN
                ? "/api/therapists/" + TherapistApi.newVerifiedTherapist("Dr. Deleted By Admin") : owner,
                c -> null, expect(401, 403, 403, 403, 204, 204)));
        return rows;
    }

    /** Statuses in the order of {@link CallerKind}. */
    private static Map<CallerKind, Integer> expect(int... statuses) {
        Map<CallerKind, Integer> expected = new EnumMap<>(CallerKind.class);
        for (CallerKind caller : CallerKind.values()) {
            expected.put(caller, statuses[caller.ordinal()]);
        }
        return expected;
    }

    private static RequestSpecification request(World w, CallerKind caller) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return caller == CallerKind.ANONYMOUS ? request
                : request.header("Authorization", TherapistApi.token(w.idOf(caller), w.roleOf(caller)));
    }
}
