package io.therapyms.browsertests.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Issue #17's dashboard page against the packaged stack (analytics-service included). Everything the figures count
 * is done through the REST API as the two parties would, then the page must show exactly that, and follow a new
 * booking without a reload.
 */
@ExtendWith(BrowserStack.class)
class DashboardTest {

    private static final Duration LAG = Duration.ofSeconds(45);

    @Test
    void figuresTableCsvAndLiveUpdate(BrowserStack.Stack stack) throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Person therapist = Person.therapist("Kim Dash " + suffix);
        Person ada = Person.client("Ada Shares " + suffix);
        Person ben = Person.client("Ben Private " + suffix);
        Api api = new Api(stack.baseUrl());

        String[] t = api.signUpAndLogin(therapist);
        String[] a = api.signUpAndLogin(ada);
        String[] b = api.signUpAndLogin(ben);
        api.send(t[0], "POST", "/api/therapists", Map.of("name", therapist.name(), "expertise", List.of("anxiety"),
                "location", "Berlin", "acceptingClients", true), 201);
        String admin = api.login(stack.adminEmail(), stack.adminPassword())[0];
        api.send(admin, "POST", "/api/therapists/" + t[1] + "/verification", Map.of("verified", true), 204);
        for (String[] client : List.of(a, b)) {
            api.send(client[0], "POST", "/api/clients", Map.of("name", client == a ? ada.name() : ben.name(),
                    "timezone", "UTC"), 201);
            api.send(t[0], "POST", "/api/mapping-requests", Map.of("clientId", client[1]), 201);
            String mapping = api.send(client[0], "GET", "/api/mapping-requests?status=pending", null, 200)
                    .getString("items[0].mappingRequestId");
            api.send(client[0], "PUT", "/api/mapping-requests/" + mapping, Map.of("status", "approved"), 200);
        }

        // two one-hour slots; Ada books the first (scheduling learns of the link from an event)
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(26));
        JsonPath slots = api.send(t[0], "POST", "/api/session-slots/" + t[1], Map.of("slots", List.of(
                Map.of("startTime", first.toString(), "endTime", first.plus(Duration.ofHours(1)).toString()),
                Map.of("startTime", first.plus(Duration.ofDays(1)).toString(),
                        "endTime", first.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)).toString()))), 201);
        book(api, a[0], t[0], slots.getString("items[0].slotId"));
        // a message from Ada (messaging learns of the link from an event)
        api.await(a[0], "POST", "/api/messages", Map.of("recipientId", t[1], "content", "See you tomorrow"), 201);
        // Ada writes two entries and shares her journal; Ben shares nothing
        for (int daysAgo : new int[] { 8, 1 }) {
            api.send(a[0], "POST", "/api/journals/" + a[1], Map.of("content", "private words", "feeling", "calm",
                    "intensity", daysAgo == 8 ? 4 : 7, "time", Instant.now().minus(Duration.ofDays(daysAgo)).toString()), 201);
        }
        String grant = api.await(t[0], "POST", "/api/journal-access-requests", Map.of("clientId", a[1]), 201)
                .getString("journalAccessRequestId");
        api.send(a[0], "PUT", "/api/journal-access-requests/" + grant, Map.of("status", "approved"), 200);

        // analytics-service consumes all of it asynchronously: wait until its API says what was done
        String summaryPath = "/api/analytics/therapists/" + t[1] + "/summary?timezone=UTC&from="
                + LocalDate.now(ZoneOffset.UTC).minusDays(7) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(14);
        Awaitility.await().atMost(LAG).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath s = api.send(t[0], "GET", summaryPath, null, 200);
            JsonPath rows = api.send(t[0], "GET", "/api/analytics/therapists/" + t[1] + "/clients", null, 200);
            return s.getInt("totals.sessions.scheduled") == 1 && s.getInt("totals.messages.received") == 1
                    && s.getFloat("totals.offeredHours") == 2f && rows.getList("items").size() == 2
                    && "active".equals(rows.getString("items.find { it.clientId == '" + a[1] + "' }.journalGrant.status"));
        });

        try (Browser browser = stack.openBrowser("dashboard")) {
            Journeys.signIn(browser, therapist);
            browser.followLink("Dashboard");
            browser.heading("Dashboard");
            waitFor(browser, "fig-scheduled", "1");
            assertThat(text(browser, "fig-completed")).isEqualTo("0");
            assertThat(text(browser, "fig-requests")).isEqualTo("1");
            assertThat(text(browser, "fig-approved")).isEqualTo("1");
            assertThat(text(browser, "fig-offered-hours")).isEqualTo("2");
            assertThat(text(browser, "fig-booked-hours")).isEqualTo("1");
            assertThat(text(browser, "fig-utilisation")).isEqualTo("50%");
            assertThat(text(browser, "fig-active-clients")).isEqualTo("2");
            assertThat(text(browser, "fig-links-started")).isEqualTo("2");
            assertThat(text(browser, "fig-messages-received")).isEqualTo("1");
            assertThat(text(browser, "fig-messages-sent")).isEqualTo("0");
            // every chart has its table
            for (String chart : List.of("chart-sessions", "chart-hours", "chart-messages")) {
                assertThat(browser.byTestId(chart + "-table").findElements(By.cssSelector("tbody tr"))).isNotEmpty();
            }

            WebElement adaRow = row(browser, ada.name());
            WebElement benRow = row(browser, ben.name());
            assertThat(adaRow.findElement(By.cssSelector("[data-testid=dash-grant]")).getText()).startsWith("Shared");
            assertThat(adaRow.findElement(By.cssSelector("[data-testid=dash-unread]")).getText()).isEqualTo("1");
            assertThat(benRow.findElement(By.cssSelector("[data-testid=dash-grant]")).getText()).isEqualTo("Not shared");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d ->
                    !row(browser, ada.name()).findElements(By.cssSelector("[data-testid=dash-sparkline]")).isEmpty());
            assertThat(row(browser, ada.name()).findElement(By.cssSelector("[data-testid=dash-sparkline]"))
                    .getAttribute("aria-label")).contains("first 4.0").contains("latest 7.0");
            assertThat(benRow.findElements(By.cssSelector("[data-testid=dash-sparkline]"))).isEmpty();
            // no grant, no call: Ada's access log has the therapist's insights read, Ben has no journal call at all
            JsonPath log = api.send(a[0], "GET", "/api/journals/" + a[1] + "/access-log", null, 200);
            assertThat(log.getList("items.action", String.class)).contains("insights");
            browser.assertAccessible("dashboard");
            browser.screenshot("desktop");

            // CSV: downloaded by the browser, made from what is shown
            Path downloads = Files.createTempDirectory("tms-dash-csv-");
            browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            browser.press("Download these figures (CSV)");
            Path csv = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> csvIn(downloads), Optional::isPresent).get();
            String content = Files.readString(csv, StandardCharsets.UTF_8);
            assertThat(content).contains("Total,0,1,0,0,0,0,,2,1,0.5,1,1,0,0");
            assertThat(content).contains(ada.name()).contains(ben.name());
            assertThat(content.lines().filter(l -> l.startsWith(ada.name())).findFirst().orElseThrow())
                    .contains(",1,active,").containsPattern("4\\.0 .*7\\.0");
            assertThat(content.lines().filter(l -> l.startsWith(ben.name())).findFirst().orElseThrow()).contains(",none,");
            assertThat(content).doesNotContain("private words").doesNotContain("See you tomorrow");

            // live: Ben books the second slot through the API; the page follows without a reload
            browser.driver().executeScript("window.tmsDashMarker = 'same page';");
            book(api, b[0], t[0], slots.getString("items[1].slotId"));
            new WebDriverWait(browser.driver(), LAG).until(d -> "2".equals(text(browser, "fig-scheduled"))
                    && "2".equals(text(browser, "fig-requests")) && "100%".equals(text(browser, "fig-utilisation")));
            new WebDriverWait(browser.driver(), LAG).until(d ->
                    !"—".equals(row(browser, ben.name()).findElements(By.tagName("td")).get(0).getText()));
            assertThat(browser.driver().executeScript("return window.tmsDashMarker;")).isEqualTo("same page");

            // 360 px: nothing wider than the screen but the tables' own scroll boxes
            browser.resize(Browser.PHONE);
            browser.screenshot("phone");
            Number overflow = (Number) browser.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
            browser.assertAccessible("dashboard phone");

            browser.storage().assertClean(therapist.password(), "private words", "See you tomorrow");
            assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
        }
    }

    @Test
    void emptyPracticeAndErrorWithRetry(BrowserStack.Stack stack) {
        Person therapist = Person.therapist("Lee New " + UUID.randomUUID().toString().substring(0, 6));
        Api api = new Api(stack.baseUrl());
        api.signUpAndLogin(therapist);
        try (Browser browser = stack.openBrowser("dashboard-states")) {
            Journeys.signIn(browser, therapist);
            browser.followLink("Dashboard");
            browser.heading("Dashboard");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> !d.findElements(By.cssSelector("[data-testid=dash-empty]")).isEmpty());
            assertThat(browser.byTestId("dash-no-clients").getText()).contains("No linked clients yet");
            browser.assertAccessible("dashboard empty");

            // analytics-service unreachable: each section says so and offers to try again; nothing else breaks
            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/analytics/*")));
            browser.go("/therapist/dashboard");
            browser.heading("Dashboard");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> d.findElements(By.cssSelector(".inline-error")).size() == 2);
            assertThat(browser.driver().findElement(By.cssSelector(".inline-error")).getText()).contains("We could not load your figures");
            browser.assertAccessible("dashboard error");
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            browser.driver().findElement(By.cssSelector(".inline-error button")).click();
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> !d.findElements(By.cssSelector("[data-testid=dash-cards], [data-testid=dash-empty]")).isEmpty());
        }
    }

    /**
     * The practice time zone chosen in Settings travels to analytics-service (TherapistProfileCreated): the
     * summary counts in it when no zone is asked for, and the dashboard opens in it.
     */
    @Test
    void thePracticeTimeZoneFromSettingsIsTheDashboardsZone(BrowserStack.Stack stack) {
        Person therapist = Person.therapist("Ari Zoned " + UUID.randomUUID().toString().substring(0, 6));
        Api api = new Api(stack.baseUrl());
        String[] t = api.signUpAndLogin(therapist);
        try (Browser browser = stack.openBrowser("dashboard-zone")) {
            Journeys.signIn(browser, therapist);
            browser.followLink("Settings");
            browser.heading("Settings");
            browser.fill("Expertise", "grief").fill("Location", "Online");
            new Select(browser.field("Practice time zone")).selectByValue("Pacific/Auckland");
            browser.press("Create directory entry");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> !d.findElements(By.cssSelector("[data-testid=profile-saved]")).isEmpty());
            assertThat(api.send(t[0], "GET", "/api/therapists/" + t[1], null, 200).getString("timezone"))
                    .isEqualTo("Pacific/Auckland");
            // analytics learns the zone from the event: a summary that names no zone is counted in it
            Awaitility.await().atMost(LAG).pollInterval(Duration.ofMillis(500)).until(() -> "Pacific/Auckland".equals(
                    api.send(t[0], "GET", "/api/analytics/therapists/" + t[1] + "/summary", null, 200).getString("timezone")));

            browser.followLink("Dashboard");
            browser.heading("Dashboard");
            Select zone = new Select(browser.field("Time zone"));
            assertThat(zone.getFirstSelectedOption().getAttribute("value")).isEqualTo("Pacific/Auckland");
            assertThat(zone.getFirstSelectedOption().getText()).contains("your practice");
            browser.assertAccessible("dashboard in the practice zone");
        }
    }

    /** The client requests the slot (once scheduling knows the link) and the therapist approves. */
    private static void book(Api api, String clientToken, String therapistToken, String slotId) {
        String request = api.await(clientToken, "POST", "/api/appointment-requests", Map.of("slotId", slotId), 201)
                .getString("appointmentRequestId");
        api.send(therapistToken, "PUT", "/api/appointment-requests/" + request, Map.of("status", "approved"), 200);
    }

    private static Optional<Path> csvIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst();
        }
    }

    private static WebElement row(Browser browser, String name) {
        return browser.byTestId("dash-client-table").findElement(By.xpath(
                ".//tr[@data-testid='dash-client-row'][.//th[normalize-space()='" + name + "']]"));
    }

    private static String text(Browser browser, String testId) {
        return browser.byTestId(testId).getText().strip();
    }

    private static void waitFor(Browser browser, String testId, String value) {
        new WebDriverWait(browser.driver(), LAG).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("[data-testid=" + testId + "]"));
            return !found.isEmpty() && value.equals(found.get(0).getText().strip());
        });
    }

    /** The REST steps of the test, with body token transport like any non-browser client. */
    private static final class Api {
        private final String baseUrl;

        Api(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        String[] signUpAndLogin(Person person) {
            send(null, "POST", "/api/signup", Map.of("email", person.email(), "password", person.password(),
                    "role", person.role(), "name", person.name()), 201);
            return login(person.email(), person.password());
        }

        String[] login(String email, String password) {
            JsonPath body = send(null, "POST", "/api/login", Map.of("email", email, "password", password), 200);
            return new String[] { body.getString("accessToken"), body.getString("userId") };
        }

        JsonPath send(String token, String method, String path, Object body, int status) {
            RequestSpecification spec = given().baseUri(baseUrl).contentType(ContentType.JSON);
            if (token != null) {
                spec = spec.auth().oauth2(token);
            }
            if (body != null) {
                spec = spec.body(body);
            }
            var response = spec.when().request(method, path).then().statusCode(status).extract();
            String text = response.asString();
            return new JsonPath(text == null || text.isEmpty() ? "{}" : text);
        }

        /** Repeats a call until it answers {@code status}: the service it reaches learns of a link from an event. */
        JsonPath await(String token, String method, String path, Object body, int status) {
            return Awaitility.await().atMost(LAG).pollInterval(Duration.ofMillis(300)).until(() -> {
                RequestSpecification spec = given().baseUri(baseUrl).contentType(ContentType.JSON).auth().oauth2(token)
                        .body(body);
                var response = spec.when().request(method, path).then().extract();
                return response.statusCode() == status ? new JsonPath(response.asString()) : null;
            }, r -> r != null);
        }
    }
}
