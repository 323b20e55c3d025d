package io.therapyms.browsertests.screenshots;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * The README's screenshots: seeds a small, realistic practice through the gateway's public API (a verified therapist,
 * three linked clients, open and booked slots, a session with notes, a fortnight of journal entries, messages both
 * ways, a journal grant) and captures the main pages of both portals. {@code web/screenshots/take} runs it with
 * {@code -Ddemo.screenshots=docs/screenshots}; in the normal suite it writes to target/screenshots/demo and so keeps
 * the seeding and the pages it shows working.
 */
@ExtendWith(BrowserStack.class)
class DemoScreenshotsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Dimension DESKTOP = new Dimension(1280, 800);

    @Test
    void seedsTheDemoAndCapturesTheMainPages(BrowserStack.Stack stack) {
        Path out = Path.of(System.getProperty("demo.screenshots", "target/screenshots/demo"));
        Seed seed = new Seed(stack.baseUrl());
        Demo demo = seed.practice(stack);
        List<Path> shots = new ArrayList<>();

        try (Browser client = stack.openBrowser("demo-client")) {
            client.resize(DESKTOP);
            Journeys.signIn(client, demo.sam());
            client.heading("Home");
            waitForText(client, "next-session", "Berlin");
            waitForText(client, "unread-messages", "unread");
            shots.add(capture(client, out, "client-home"));

            client.go("/client/book");
            client.heading("Book a session");
            client.byTestId("week");
            // Today's two slots are booked already: next week shows the therapist's usual pattern.
            client.press("Next week");
            waitFor(client, () -> client.driver().findElements(By.cssSelector("button.slot")).size() >= 9);
            shots.add(capture(client, out, "client-book"));

            client.go("/client/journal");
            client.heading("Journal");
            waitForText(client, "entries", "Slept");
            client.byTestId("mood-table");
            scrollTo(client, "mood-title");
            shots.add(capture(client, out, "client-journal"));

            client.go("/client/messages");
            client.heading("Messages");
            waitForText(client, "conversations", demo.therapist().name());
            client.driver().findElement(By.cssSelector("[data-testid='conversations'] button")).click();
            waitForText(client, "thread", "Thursday works");
            shots.add(capture(client, out, "client-messages"));

            client.resize(Browser.PHONE);
            client.go("/client");
            client.heading("Home");
            waitForText(client, "next-session", "Berlin");
            shots.add(capture(client, out, "client-home-360"));
            client.storage().assertClean(demo.sam().password(), "Slept");
        }

        try (Browser therapist = stack.openBrowser("demo-therapist")) {
            therapist.resize(DESKTOP);
            // The headless machine runs in UTC; the demo therapist works in Berlin, unless today's sessions already fall
            // on tomorrow there (the demo seeded late in Berlin's evening): "Sessions today" would then be empty.
            therapist.driver().executeCdpCommand("Emulation.setTimezoneOverride",
                    Map.of("timezoneId", zoneWhereStillToday(demo.lastStartToday()).getId()));
            Journeys.signIn(therapist, demo.therapist());
            therapist.heading("Today");
            waitForText(therapist, "today-sessions", "Sam");
            shots.add(capture(therapist, out, "therapist-today"));

            therapist.go("/therapist/availability");
            therapist.heading("Calendar and availability");
            waitFor(therapist, () -> !therapist.driver().findElements(By.cssSelector("[data-testid='week-slot']")).isEmpty());
            therapist.press("Next week");
            waitFor(therapist, () -> therapist.driver().findElements(By.cssSelector("[data-testid='week-slot']")).size() >= 9);
            scrollTo(therapist, "week-title");
            shots.add(capture(therapist, out, "therapist-availability"));

            therapist.go("/therapist/sessions/" + demo.sessionId());
            therapist.heading("Session with " + demo.sam().name());
            waitFor(therapist, () -> therapist.driver().findElements(By.tagName("textarea")).stream()
                    .anyMatch(t -> t.getAttribute("value").contains("breathing")));
            shots.add(capture(therapist, out, "therapist-session-notes"));

            therapist.go("/therapist/clients/" + demo.samId());
            therapist.byTestId("reads-logged");
            waitForText(therapist, "client-journal", "Slept");
            scrollTo(therapist, "client-journal");
            shots.add(capture(therapist, out, "therapist-client-journal"));
        }

        for (Path shot : shots) {
            assertThat(shot).isNotEmptyFile();
        }
    }

    private static Path capture(Browser browser, Path dir, String name) {
        browser.assertAccessible(name);
        // Let the skeletons' fade and the focus ring of the heading settle before the picture.
        browser.driver().executeScript("document.activeElement && document.activeElement.blur && document.activeElement.blur()");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scrollTo(Browser browser, String id) {
        browser.driver().executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", id);
    }

    private static void waitFor(Browser browser, Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver(), Browser.WAIT).ignoring(RuntimeException.class).until(d -> condition.get());
    }

    private static WebElement waitForText(Browser browser, String testId, String text) {
        waitFor(browser, () -> browser.driver().findElement(By.cssSelector("[data-testid='" + testId + "']")).getText().contains(text));
        return browser.byTestId(testId);
    }

    /** {@code lastStartToday}: the start of the later of today's two sessions. */
    record Demo(Person therapist, Person sam, String samId, String sessionId, Instant lastStartToday) {
    }

    /** Berlin, or the first zone further west where now and {@code start} share a date. */
    static ZoneId zoneWhereStillToday(Instant start) {
        Instant now = Instant.now();
        for (String zone : List.of("Europe/Berlin", "UTC", "America/New_York", "Pacific/Honolulu")) {
            ZoneId id = ZoneId.of(zone);
            if (now.atZone(id).toLocalDate().equals(start.atZone(id).toLocalDate())) {
                return id;
            }
        }
        throw new IllegalStateException("no zone has today's sessions today: " + start);
    }

    /** Everything through the public API, as the people themselves would do it (body token transport). */
    static final class Seed {

        private final String baseUrl;

        Seed(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        Demo practice(BrowserStack.Stack stack) {
            Person maya = Person.therapist("Dr. Maya Okafor");
            String[] t = signUp(maya);
            send(t[0], "POST", "/api/therapists", Map.of("name", maya.name(), "expertise", List.of("anxiety", "grief", "sleep"),
                    "location", "Berlin", "bio", "Cognitive behavioural therapy for adults; sessions in English and German.",
                    "languages", List.of("en", "de"), "acceptingClients", true), 201);
            String admin = login(stack.adminEmail(), stack.adminPassword())[0];
            send(admin, "POST", "/api/therapists/" + t[1] + "/verification", Map.of("verified", true), 204);

            Person sam = Person.client("Sam Lindqvist");
            String[] s = linkedClient(t, sam, "Europe/Berlin");
            String[] priya = linkedClient(t, Person.client("Priya Nair"), "Europe/London");
            String[] tom = linkedClient(t, Person.client("Tom Becker"), "Europe/Berlin");

            // Today's sessions start a few hours from now (slots must lie in the future); the rest of the week at
            // 09:00, 11:00 and 14:00 Berlin time.
            Instant soon = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
            List<Map<String, String>> slots = new ArrayList<>();
            slots.add(slot(soon));
            slots.add(slot(soon.plus(2, ChronoUnit.HOURS)));
            ZonedDateTime day = ZonedDateTime.now(BERLIN).truncatedTo(ChronoUnit.DAYS).plusDays(1);
            for (int d = 0; d < 6; d++) {
                for (int hour : new int[] { 9, 11, 14 }) {
                    slots.add(slot(day.plusDays(d).withHour(hour).toInstant()));
                }
            }
            List<String> ids = send(t[0], "POST", "/api/session-slots/" + t[1], Map.of("slots", slots), 201).getList("items.slotId");

            String samSession = book(t, s, ids.get(0), "I'd like to talk about sleep again.");
            book(t, priya, ids.get(1), null);
            send(tom[0], "POST", "/api/appointment-requests", Map.of("slotId", ids.get(4), "note", "Any chance of a morning?"), 201);
            send(t[0], "PUT", "/api/sessions/" + samSession, Map.of(
                    "sharedNotes", "Practise the 4-7-8 breathing before bed; keep the sleep diary for one more week.",
                    "privateNotes", "Sleep onset improving. Explore the work stressor next time."), 200);

            Object[][] entries = {
                    { 13, "Hard to switch off after work, lay awake until two.", "stressed", 7, false },
                    { 11, "Long walk by the canal with Jonas. Felt lighter.", "calm", 4, false },
                    { 9, "Deadline moved again. Snapped at my sister and felt bad about it.", "frustrated", 6, false },
                    { 8, "Something I'm not ready to talk about yet.", "ashamed", 6, true },
                    { 6, "Tried the breathing exercise twice. Slept by midnight.", "hopeful", 5, false },
                    { 4, "Quiet weekend, cooked for friends.", "content", 3, false },
                    { 2, "Presentation went fine. Proud I didn't cancel.", "proud", 5, false },
                    { 1, "Slept better this week — six nights out of seven before midnight.", "grateful", 4, false } };
            for (Object[] e : entries) {
                Instant time = ZonedDateTime.now(BERLIN).minusDays((Integer) e[0]).withHour(21).withMinute(30).toInstant();
                send(s[0], "POST", "/api/journals/" + s[1], Map.of("content", e[1], "feeling", e[2], "intensity", e[3],
                        "private", e[4], "time", time.toString()), 201);
            }

            send(t[0], "POST", "/api/messages", Map.of("recipientId", s[1],
                    "content", "Hi Sam, a reminder that we meet today. Bring your sleep diary if you can."), 201);
            send(s[0], "POST", "/api/messages", Map.of("recipientId", t[1], "content", "Will do. Could we move next week's session to Thursday?"), 201);
            send(t[0], "POST", "/api/messages", Map.of("recipientId", s[1], "content", "Thursday works — I've opened 09:00 and 11:00, book whichever suits you."), 201);
            send(priya[0], "POST", "/api/messages", Map.of("recipientId", t[1], "content", "Running five minutes late today, sorry!"), 201);

            String grant = send(t[0], "POST", "/api/journal-access-requests", Map.of("clientId", s[1],
                    "reason", "To prepare our sessions", "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()), 201)
                    .getString("journalAccessRequestId");
            send(s[0], "PUT", "/api/journal-access-requests/" + grant, Map.of("status", "approved"), 200);
            return new Demo(maya, sam, s[1], samSession, soon.plus(2, ChronoUnit.HOURS));
        }

        private static Map<String, String> slot(Instant start) {
            return Map.of("startTime", start.toString(), "endTime", start.plus(50, ChronoUnit.MINUTES).toString());
        }

        private String book(String[] therapist, String[] client, String slotId, String note) {
            Map<String, String> body = note == null ? Map.of("slotId", slotId) : Map.of("slotId", slotId, "note", note);
            String request = send(client[0], "POST", "/api/appointment-requests", body, 201).getString("appointmentRequestId");
            send(therapist[0], "PUT", "/api/appointment-requests/" + request, Map.of("status", "approved"), 200);
            return sessionOf(therapist, slotId);
        }

        private String sessionOf(String[] therapist, String slotId) {
            for (Map<String, Object> session : send(therapist[0], "GET", "/api/sessions", null, 200).<Map<String, Object>>getList("items")) {
                if (slotId.equals(session.get("slotId"))) {
                    return (String) session.get("sessionId");
                }
            }
            throw new AssertionError("no session for slot " + slotId);
        }

        private String[] linkedClient(String[] therapist, Person client, String zone) {
            String[] c = signUp(client);
            send(c[0], "POST", "/api/clients", Map.of("name", client.name(), "timezone", zone), 201);
            // The link service learns of the new profile and the verification from events: 404 until it has.
            String request = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(therapist[0], "POST", "/api/mapping-requests", Map.of("clientId", c[1])), r -> r.statusCode() != 404)
                    .then().statusCode(201).extract().path("mappingRequestId");
            send(c[0], "PUT", "/api/mapping-requests/" + request, Map.of("status", "approved"), 200);
            return c;
        }

        private String[] signUp(Person person) {
            send(null, "POST", "/api/signup", Map.of("email", person.email(), "password", person.password(),
                    "role", person.role(), "name", person.name()), 201);
            return login(person.email(), person.password());
        }

        private String[] login(String email, String password) {
            JsonPath login = send(null, "POST", "/api/login", Map.of("email", email, "password", password), 200);
            return new String[] { login.getString("accessToken"), login.getString("userId") };
        }

        private io.restassured.response.Response status(String token, String method, String path, Object body) {
            return given().baseUri(baseUrl).contentType(ContentType.JSON).auth().oauth2(token).body(body).when().request(method, path);
        }

        private JsonPath send(String token, String method, String path, Object body, int expected) {
            RequestSpecification spec = given().baseUri(baseUrl).contentType(ContentType.JSON);
            if (token != null) {
                spec = spec.auth().oauth2(token);
            }
            if (body != null) {
                spec = spec.body(body);
            }
            String text = spec.when().request(method, path).then().statusCode(expected).extract().asString();
            return new JsonPath(text.isEmpty() ? "{}" : text);
        }
    }
}
