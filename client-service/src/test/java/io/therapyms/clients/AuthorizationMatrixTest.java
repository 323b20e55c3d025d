package io.therapyms.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;

/**
 * Every endpoint of client-service × every kind of caller, with the status each must get. The
 * bodies are valid, so the status shows the authorization decision and not a validation error.
 * Each caller kind gets a fresh world (a client with a profile and a linked therapist), and the
 * delete runs last, so one row's effect cannot change another's answer.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class AuthorizationMatrixTest {

    enum CallerKind { ANONYMOUS, OWNER, UNRELATED_CLIENT, LINKED_THERAPIST, UNLINKED_THERAPIST, ADMIN }

    record Endpoint(String name, String method, String path, Object body) {
    }

    record World(ClientApi.User owner, ClientApi.User unrelatedClient, ClientApi.User linkedTherapist,
            ClientApi.User unlinkedTherapist, ClientApi.User admin) {
    }

    @Inject
    TherapistEvents therapists;

    @Test
    void everyEndpointAnswersEveryCallerAsSpecified() {
        List<String> mismatches = new ArrayList<>();
        for (CallerKind caller : CallerKind.values()) {
            World world = newWorld();
            for (Map.Entry<Endpoint, Integer> row : expectations(caller, world).entrySet()) {
                Endpoint endpoint = row.getKey();
                int status = ClientApi.as(callerIn(world, caller))
                        .body(endpoint.body() == null ? "{}" : endpoint.body())
                        .request(endpoint.method(), endpoint.path()).statusCode();
                if (status != row.getValue()) {
                    mismatches.add(caller + " " + endpoint.name() + ": expected " + row.getValue() + " got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private World newWorld() {
        ClientApi.User owner = ClientApi.clientWithProfile();
        ClientApi.User linked = ClientApi.therapist();
        therapists.link(owner, linked);
        return new World(owner, ClientApi.client(), linked, ClientApi.therapist(), ClientApi.admin());
    }

    private static ClientApi.User callerIn(World world, CallerKind caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case OWNER -> world.owner();
            case UNRELATED_CLIENT -> world.unrelatedClient();
            case LINKED_THERAPIST -> world.linkedTherapist();
            case UNLINKED_THERAPIST -> world.unlinkedTherapist();
            case ADMIN -> world.admin();
        };
    }

    /** Ordered: the delete comes last. */
    private static Map<Endpoint, Integer> expectations(CallerKind caller, World world) {
        String client = "/api/clients/" + world.owner().id();
        Map<Endpoint, Integer> rows = new LinkedHashMap<>();
        rows.put(new Endpoint("create own profile", "POST", "/api/clients", Map.of("name", "Someone")), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER -> 409;            // already has one
            case UNRELATED_CLIENT -> 201; // creates their own
            default -> 403;               // only clients have client profiles
        });
        rows.put(new Endpoint("list", "GET", "/api/clients", null), caller == CallerKind.ANONYMOUS ? 401 : 200);
        rows.put(new Endpoint("get", "GET", client, null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER, LINKED_THERAPIST, ADMIN -> 200;
            default -> 404;
        });
        rows.put(new Endpoint("get unknown", "GET", "/api/clients/" + UUID.randomUUID(), null),
                caller == CallerKind.ANONYMOUS ? 401 : 404);
        rows.put(new Endpoint("update", "PUT", client, Map.of("pronouns", "they/them")), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER, ADMIN -> 200;
            case LINKED_THERAPIST -> 403;
            default -> 404;
        });
        rows.put(new Endpoint("linked therapists", "GET", client + "/therapists", null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER, ADMIN -> 200;
            case LINKED_THERAPIST -> 403;
            default -> 404;
        });
        rows.put(new Endpoint("export", "GET", client + "/export", null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER, ADMIN -> 200;
            default -> 403;               // only the client themself or an admin (the parts say the same)
        });
        rows.put(new Endpoint("delete", "DELETE", client, null), switch (caller) {
            case ANONYMOUS -> 401;
            case OWNER, ADMIN -> 204;
            case LINKED_THERAPIST -> 403;
            default -> 404;
        });
        return rows;
    }
}
