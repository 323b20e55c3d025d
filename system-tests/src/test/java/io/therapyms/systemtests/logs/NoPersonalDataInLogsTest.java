package io.therapyms.systemtests.logs;

import static io.therapyms.systemtests.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;
import io.therapyms.devstack.LocalStack;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Credentials;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.User;

/**
 * Issue #20: no personal or clinical data in any log. Journeys through the gateway put a marker into every free-text
 * field (names, the local part of emails, a therapist's bio and location, the appointment request's note, both
 * session notes, journal text, messages and an edit; a failed login with a marked email), then every log file of
 * the stack (every process's output, {@code target/stack/logs}) is searched for the marker.
 */
@ExtendWith(SystemStack.class)
class NoPersonalDataInLogsTest {

    @Test
    void noMarkedTextReachesAnyLogFile(Api api, LocalStack stack) {
        String marker = "Qmark" + Api.randomHex(5);

        User therapist = signUp(api, "therapist", marker);
        Response profile = api.as(therapist).body(Map.of("name", "Dr " + marker, "expertise", List.of("anxiety"),
                "location", "Town " + marker, "bio", "Bio " + marker, "acceptingClients", true))
                .post("/api/therapists");
        assertThat(profile.statusCode()).as(profile.asString()).isEqualTo(201);
        Response verification = api.as(api.admin()).body(Map.of("verified", true))
                .post("/api/therapists/{id}/verification", therapist.id());
        assertThat(verification.statusCode()).as(verification.asString()).isEqualTo(204);

        User client = signUp(api, "client", marker);
        Response clientProfile = api.as(client).body(Map.of("name", "Client " + marker, "pronouns", marker,
                "timezone", "Europe/Berlin")).post("/api/clients");
        assertThat(clientProfile.statusCode()).as(clientProfile.asString()).isEqualTo(201);
        api.link(client, therapist);
        api.awaitLinkedEverywhere(client, therapist);

        String slotId = Slots.create(api, therapist, 1).get(0);
        Response request = api.as(client).body(Map.of("slotId", slotId, "note", "Note " + marker))
                .post("/api/appointment-requests");
        assertThat(request.statusCode()).as(request.asString()).isEqualTo(201);
        Response approval = api.as(therapist).body(Map.of("status", "approved"))
                .put("/api/appointment-requests/{id}", request.<String>path("appointmentRequestId"));
        assertThat(approval.statusCode()).as(approval.asString()).isEqualTo(200);
        eventually().untilAsserted(() -> assertThat(Slots.sessionsOf(api, therapist, slotId)).hasSize(1));
        String sessionId = (String) Slots.sessionsOf(api, therapist, slotId).get(0).get("sessionId");
        Response notes = api.as(therapist).body(Map.of("sharedNotes", "Shared " + marker,
                "privateNotes", "Private " + marker)).put("/api/sessions/{id}", sessionId);
        assertThat(notes.statusCode()).as(notes.asString()).isEqualTo(200);

        Response entry = api.as(client).body(Map.of("content", "Dear diary " + marker, "feeling", "anxious",
                "intensity", 6)).post("/api/journals/{id}", client.id());
        assertThat(entry.statusCode()).as(entry.asString()).isEqualTo(201);

        Response sent = api.as(client).body(Map.of("recipientId", therapist.id(), "content", "Hello " + marker))
                .post("/api/messages");
        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(201);
        Response edited = api.as(client).body(Map.of("content", "Edited " + marker))
                .put("/api/messages/{id}", sent.<String>path("messageId"));
        assertThat(edited.statusCode()).as(edited.asString()).isEqualTo(200);
        Response reply = api.as(therapist).body(Map.of("recipientId", client.id(), "content", "Reply " + marker))
                .post("/api/messages");
        assertThat(reply.statusCode()).as(reply.asString()).isEqualTo(201);

        Response wrongPassword = api.anonymous().body(Map.of("email", client.credentials().email(), "password", "nope"))
                .post("/api/login");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        Response malformed = api.anonymous().body(Map.of("email", marker + "@", "password", "x", "role", "client",
                "name", marker)).post("/api/signup");
        assertThat(malformed.statusCode()).isEqualTo(400);

        // the consumers have run: both recipients were notified of their messages
        eventually().untilAsserted(() -> assertThat(api.notificationTypes(therapist)).contains("message.received"));
        eventually().untilAsserted(() -> assertThat(api.notificationTypes(client)).contains("message.received"));

        List<String> found = linesWith(stack.logDir(), marker.toLowerCase(Locale.ROOT));
        assertThat(found).as("log lines holding the marker %s", marker).isEmpty();
    }

    private static User signUp(Api api, String role, String marker) {
        Credentials credentials = new Credentials(marker.toLowerCase(Locale.ROOT) + "." + role + "@example.com",
                "pw-" + Api.randomHex(12));
        Response signup = api.anonymous().body(Map.of("email", credentials.email(), "password", credentials.password(),
                "role", role, "name", "Name " + marker)).post("/api/signup");
        assertThat(signup.statusCode()).as(signup.asString()).isEqualTo(201);
        return api.logIn(credentials);
    }

    private static List<String> linesWith(Path logDir, String needle) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                lines.stream().filter(line -> line.toLowerCase(Locale.ROOT).contains(needle))
                        .forEach(line -> found.add(file.getFileName() + ": " + line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
