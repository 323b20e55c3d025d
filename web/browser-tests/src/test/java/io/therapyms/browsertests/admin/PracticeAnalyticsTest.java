package io.therapyms.browsertests.admin;

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
import java.util.ArrayList;
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
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;
import io.therapyms.browsertests.support.RestApi;

/**
 * Issue #17's practice view for admins (/admin/practice). Two therapists' history is made through the REST API
 * (Ann: 2 hours offered, 1 booked; Zoe: 2 offered, 2 booked); the page must show what the API answers for the same
 * period in the browser's time zone (emulated as New York, so the zone really travels), sort its therapist table,
 * download what it shows, and tell a therapist that the page is not theirs.
 */
@ExtendWith(BrowserStack.class)
class PracticeAnalyticsTest {

    private static final Duration LAG = Duration.ofSeconds(45);
    private static final String ZONE = "America/New_York";
    private static final List<String> SESSION_COLUMNS = List.of("completed", "scheduled", "noShow");

    @Test
    void adminSeesThePracticeSortsAndDownloadsIt(BrowserStack.Stack stack) throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Person ann = Person.therapist("Ann Practice " + suffix);
        Person zoe = Person.therapist("Zoe Practice " + suffix);
        Person cal = Person.client("Cal Practice " + suffix);
        Person admin = new Person("Admin", stack.adminEmail(), stack.adminPassword(), "admin");
        RestApi api = new RestApi(stack.baseUrl());
        String adminToken = api.login(admin.email(), admin.password());

        String[] c = signUp(api, cal);
        api.call(c[0], "POST", "/api/clients", Map.of("name", cal.name(), "timezone", "UTC"), 201);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(26));
        String[] a = therapistWithSlots(api, adminToken, ann, c, base);
        String[] z = therapistWithSlots(api, adminToken, zoe, c, base.plus(Duration.ofHours(2)));
        book(api, c[0], a, 0);
        book(api, c[0], z, 0);
        book(api, c[0], z, 1);

        // analytics-service consumes the events asynchronously: wait until its API counts what was done
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String around = "/api/analytics/practice?timezone=UTC&from=" + today.minusDays(7) + "&to=" + today.plusDays(14);
        Awaitility.await().atMost(LAG).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath p = api.call(adminToken, "GET", around, null, 200);
            return hours(p, a[1], "offeredHours") == 2f && hours(p, a[1], "bookedHours") == 1f
                    && hours(p, z[1], "offeredHours") == 2f && hours(p, z[1], "bookedHours") == 2f
                    && ann.name().equals(p.getString(therapist(a[1]) + ".name"));
        });

        try (Browser browser = stack.openBrowser("practice")) {
            // the browser's own zone, as a person abroad would have it; the page must ask for and name it
            browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ZONE));
            Journeys.signIn(browser, admin);
            browser.followLink("Practice");
            browser.heading("Practice analytics");
            WebElement table = browser.byTestId("practice-therapists");
            assertThat(browser.byTestId("practice-zone").getText()).contains("New York time").contains(ZONE);
            @SuppressWarnings("unchecked")
            List<String> calls = (List<String>) browser.driver().executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name)"
                            + ".filter(n => n.includes('/api/analytics/practice'));");
            assertThat(calls).isNotEmpty().allMatch(u -> u.contains("timezone=America%2FNew_York"));

            // the same period asked of the API: every figure on the page equals its answer
            String from = browser.field("From").getDomProperty("value");
            String to = browser.field("To").getDomProperty("value");
            assertThat(browser.field("Time zone").getDomProperty("value")).isEqualTo(ZONE);
            JsonPath p = api.call(adminToken, "GET", "/api/analytics/practice?bucket=week&timezone=" + ZONE + "&from="
                    + from + "&to=" + LocalDate.parse(to).plusDays(1), null, 200);
            assertThat(p.getString("timezone")).isEqualTo(ZONE);
            assertThat(text(browser, "fig-completed")).isEqualTo(p.getString("totals.sessions.completed"));
            assertThat(text(browser, "fig-scheduled")).isEqualTo(p.getString("totals.sessions.scheduled"));
            assertThat(text(browser, "fig-no-show")).isEqualTo(p.getString("totals.sessions.noShow"));
            assertThat(text(browser, "fig-late")).isEqualTo(p.getString("totals.sessions.lateCancelled"));
            assertThat(text(browser, "fig-offered-hours")).isEqualTo(num(p.getDouble("totals.offeredHours")));
            assertThat(text(browser, "fig-booked-hours")).isEqualTo(num(p.getDouble("totals.bookedHours")));
            assertThat(text(browser, "fig-utilisation")).isEqualTo(pct(p.get("totals.utilisation")));
            assertThat(text(browser, "fig-requests")).isEqualTo(p.getString("totals.requests.received"));
            assertThat(text(browser, "fig-approved")).isEqualTo(p.getString("totals.requests.approved"));
            assertThat(text(browser, "fig-active-clients")).isEqualTo(p.getString("totals.caseload.active"));
            assertThat(text(browser, "fig-messages-received")).isEqualTo(p.getString("totals.messages.received"));
            assertThat(p.getInt("totals.sessions.scheduled")).isGreaterThanOrEqualTo(3);

            int buckets = p.getList("buckets").size();
            List<List<String>> sessionRows = cells(browser.byTestId("chart-sessions-table"));
            assertThat(sessionRows).hasSize(buckets);
            List<List<String>> utilisationRows = cells(browser.byTestId("chart-utilisation-table"));
            for (int i = 0; i < buckets; i++) {
                for (int col = 0; col < SESSION_COLUMNS.size(); col++) {
                    assertThat(sessionRows.get(i).get(col)).as("bucket %d %s", i, SESSION_COLUMNS.get(col))
                            .isEqualTo(p.getString("buckets[" + i + "].sessions." + SESSION_COLUMNS.get(col)));
                }
                Number u = p.get("buckets[" + i + "].utilisation");
                assertThat(utilisationRows.get(i).get(0)).isEqualTo(u == null ? "—" : String.valueOf(Math.round(u.doubleValue() * 100)));
            }

            // the therapist table: one row per therapist of the API, ours with their known hours
            List<List<String>> rows = rows(table);
            assertThat(rows).hasSize(p.getList("therapists").size());
            assertThat(row(rows, ann.name())).containsExactly(ann.name(), "2", "1", "50%");
            assertThat(row(rows, zoe.name())).containsExactly(zoe.name(), "2", "2", "100%");
            for (List<String> r : rows) {
                Map<String, Object> t = p.getMap("therapists.find { it.name == '" + r.get(0).replace("'", "\\'") + "' }");
                if (t != null) {
                    assertThat(r.subList(1, 4)).containsExactly(num(((Number) t.get("offeredHours")).doubleValue()),
                            num(((Number) t.get("bookedHours")).doubleValue()), pct(t.get("utilisation")));
                }
            }
            // sorted by utilisation, highest first (nothing offered last), then by name on request, both ways
            List<Integer> utilisation = rows.stream().map(r -> r.get(3).equals("—") ? -1 : Integer.parseInt(r.get(3).replace("%", ""))).toList();
            assertThat(utilisation).isSortedAccordingTo((x, y) -> Integer.compare(y, x));
            assertThat(names(rows).indexOf(zoe.name())).isLessThan(names(rows).indexOf(ann.name()));
            browser.press("Therapist");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> "ascending".equals(sortOf(browser, "name")));
            assertThat(names(rows(table)).indexOf(ann.name())).isLessThan(names(rows(table)).indexOf(zoe.name()));
            assertThat(browser.byTestId("practice-therapists").findElement(By.tagName("caption")).getText()).contains("by name, A to Z");
            browser.press("Therapist");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> "descending".equals(sortOf(browser, "name")));
            assertThat(names(rows(table)).indexOf(zoe.name())).isLessThan(names(rows(table)).indexOf(ann.name()));
            browser.press("Booked hours");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> "descending".equals(sortOf(browser, "bookedHours")));
            assertThat(sortOf(browser, "name")).isNull();
            assertThat(names(rows(table)).indexOf(zoe.name())).isLessThan(names(rows(table)).indexOf(ann.name()));
            browser.press("Therapist");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> "ascending".equals(sortOf(browser, "name")));
            browser.assertAccessible("practice");
            top(browser);
            browser.screenshot("desktop");
            browser.driver().executeScript("arguments[0].scrollIntoView();", browser.byTestId("practice-therapists"));
            browser.screenshot("desktop-therapists");

            // CSV: downloaded by the browser, the shown figures and rows in the shown order
            Path downloads = Files.createTempDirectory("tms-practice-csv-");
            browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            browser.press("Download these figures (CSV)");
            Path csv = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> csvIn(downloads), Optional::isPresent).get();
            List<String> lines = Files.readString(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").lines().toList();
            assertThat(lines.get(0)).contains("times in " + ZONE);
            assertThat(lines).anyMatch(l -> l.startsWith("Total," + p.getString("totals.sessions.completed") + ","
                    + p.getString("totals.sessions.scheduled") + "," + p.getString("totals.sessions.noShow") + ","
                    + p.getString("totals.sessions.cancelledByClient") + "," + p.getString("totals.sessions.cancelledByTherapist")
                    + "," + p.getString("totals.sessions.lateCancelled") + ","));
            assertThat(lines.stream().filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2},.*"))).hasSize(buckets);
            int header = lines.indexOf("Therapist,Hours offered,Hours booked,Utilisation");
            assertThat(header).isPositive();
            List<String> csvRows = lines.subList(header + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
            assertThat(csvRows.stream().map(PracticeAnalyticsTest::csvName).toList()).isEqualTo(names(rows(table)));
            assertThat(csvRows).contains(ann.name() + ",2,1,0.5", zoe.name() + ",2,2,1");

            // 360 px: nothing wider than the screen but the tables' own scroll boxes
            browser.resize(Browser.PHONE);
            top(browser);
            browser.screenshot("phone");
            Number overflow = (Number) browser.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
            Number header360 = (Number) browser.driver().executeScript(
                    "return document.querySelector('.site-header').getBoundingClientRect().height;");
            assertThat(header360.intValue()).isLessThan(80);
            // the whole brand fits beside the menu, bell and sign-out (it used to be cut to "Thera…")
            assertThat((Boolean) browser.driver().executeScript(
                    "const b = document.querySelector('.brand'); return b.scrollWidth > b.clientWidth;")).isFalse();
            browser.assertAccessible("practice phone");
            browser.driver().executeScript("arguments[0].scrollIntoView();", browser.byTestId("practice-therapists"));
            browser.screenshot("phone-therapists");
            // the therapist table fits the phone: names and headers wrap, no sideways scrolling needed
            assertThat((Boolean) browser.driver().executeScript("const box = arguments[0].parentElement;"
                    + "return box.scrollWidth <= box.clientWidth;", browser.byTestId("practice-therapists"))).isTrue();

            // another period: nothing happened then, and months instead of weeks
            setDate(browser, "From", "2020-01-06");
            setDate(browser, "To", "2020-02-29");
            browser.choose("Month");
            browser.press("Show");
            browser.byTestId("practice-quiet");
            assertThat(rows(browser.byTestId("practice-therapists"))).isNotEmpty().allMatch(r -> r.get(2).equals("0"));
            browser.assertAccessible("practice quiet");
            browser.driver().executeScript("arguments[0].scrollIntoView();", browser.byTestId("practice-quiet"));
            browser.screenshot("phone-quiet");

            // analytics-service unreachable: the section says so and offers to try again
            browser.resize(Browser.DESKTOP);
            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/analytics/*")));
            browser.go("/admin/practice");
            browser.heading("Practice analytics");
            new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> !d.findElements(By.cssSelector(".inline-error")).isEmpty());
            WebElement error = browser.driver().findElement(By.cssSelector(".inline-error"));
            assertThat(error.getText()).contains("We could not load the practice's figures");
            browser.assertAccessible("practice error");
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            error.findElement(By.tagName("button")).click();
            browser.byTestId("practice-therapists");

            browser.storage().assertClean(admin.password(), cal.password());
            assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
        }
    }

    @Test
    void aTherapistIsToldThePageIsNotTheirs(BrowserStack.Stack stack) {
        Person therapist = Person.therapist("Tia Curious " + UUID.randomUUID().toString().substring(0, 6));
        RestApi api = new RestApi(stack.baseUrl());
        String token = signUp(api, therapist)[0];
        api.call(token, "GET", "/api/analytics/practice", null, 403);
        try (Browser browser = stack.openBrowser("practice-therapist")) {
            Journeys.signIn(browser, therapist);
            browser.heading("Today");
            assertThat(browser.driver().findElements(By.xpath("//nav//a[normalize-space()='Practice']"))).isEmpty();
            browser.go("/admin/practice");
            browser.heading("You can't open this page");
            assertThat(browser.byTestId("not-allowed").getText()).contains("only for admins");
            @SuppressWarnings("unchecked")
            List<String> calls = (List<String>) browser.driver().executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/analytics/'));");
            assertThat(calls).isEmpty();
            browser.assertAccessible("practice not allowed");
            browser.resize(Browser.PHONE);
            browser.screenshot("phone");
            browser.assertAccessible("practice not allowed phone");
        }
    }

    /** Signs up and logs in; {@code [accessToken, userId]}. */
    private static String[] signUp(RestApi api, Person person) {
        api.call(null, "POST", "/api/signup", Map.of("email", person.email(), "password", person.password(),
                "role", person.role(), "name", person.name()), 201);
        return api.loginWithId(person.email(), person.password());
    }

    /** A verified therapist linked with the client, with two one-hour slots a day apart; {@code [token, id, slot ids…]}. */
    private static String[] therapistWithSlots(RestApi api, String adminToken, Person person, String[] client, Instant first) {
        String[] t = signUp(api, person);
        api.call(t[0], "POST", "/api/therapists", Map.of("name", person.name(), "expertise", List.of("anxiety"),
                "location", "Berlin", "acceptingClients", true), 201);
        api.call(adminToken, "POST", "/api/therapists/" + t[1] + "/verification", Map.of("verified", true), 204);
        api.call(t[0], "POST", "/api/mapping-requests", Map.of("clientId", client[1]), 201);
        String mapping = api.call(client[0], "GET", "/api/mapping-requests?status=pending", null, 200)
                .getString("items.find { it.therapistId == '" + t[1] + "' }.mappingRequestId");
        api.call(client[0], "PUT", "/api/mapping-requests/" + mapping, Map.of("status", "approved"), 200);
        Instant second = first.plus(Duration.ofDays(1));
        JsonPath slots = api.call(t[0], "POST", "/api/session-slots/" + t[1], Map.of("slots", List.of(
                Map.of("startTime", first.toString(), "endTime", first.plus(Duration.ofHours(1)).toString()),
                Map.of("startTime", second.toString(), "endTime", second.plus(Duration.ofHours(1)).toString()))), 201);
        return new String[] { t[0], t[1], slots.getString("items[0].slotId"), slots.getString("items[1].slotId") };
    }

    /** The client requests the therapist's slot (once scheduling knows the link) and the therapist approves. */
    private static void book(RestApi api, String clientToken, String[] therapist, int slot) {
        String request = api.callWhenReady(clientToken, "POST", "/api/appointment-requests",
                Map.of("slotId", therapist[2 + slot]), 201, LAG).getString("appointmentRequestId");
        api.call(therapist[0], "PUT", "/api/appointment-requests/" + request, Map.of("status", "approved"), 200);
    }

    private static String therapist(String id) {
        return "therapists.find { it.therapistId == '" + id + "' }";
    }

    private static float hours(JsonPath p, String therapistId, String field) {
        Number v = p.get(therapist(therapistId) + "." + field);
        return v == null ? -1f : v.floatValue();
    }

    /** The page's number format: whole numbers plain, others to one decimal. */
    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static String pct(Object v) {
        return v == null ? "—" : Math.round(((Number) v).doubleValue() * 100) + "%";
    }

    private static String text(Browser browser, String testId) {
        return browser.byTestId(testId).getText().strip();
    }

    /** A data table's body rows: the cells after the row header. */
    private static List<List<String>> cells(WebElement table) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            rows.add(tr.findElements(By.tagName("td")).stream().map(td -> td.getText().strip()).toList());
        }
        return rows;
    }

    /** The therapist table's rows: name, then every cell. */
    private static List<List<String>> rows(WebElement table) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            List<String> row = new ArrayList<>();
            row.add(tr.findElement(By.tagName("th")).getText().strip());
            tr.findElements(By.tagName("td")).forEach(td -> row.add(td.getText().strip()));
            rows.add(row);
        }
        return rows;
    }

    private static List<String> row(List<List<String>> rows, String name) {
        return rows.stream().filter(r -> r.get(0).equals(name)).findFirst().orElseThrow(() -> new AssertionError("no row " + name));
    }

    private static List<String> names(List<List<String>> rows) {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    /** The name of a CSV row whose last three fields are numbers (a name may hold commas, then it is quoted). */
    private static String csvName(String line) {
        int cut = line.length();
        for (int i = 0; i < 3; i++) {
            cut = line.lastIndexOf(',', cut - 1);
        }
        String name = line.substring(0, cut);
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    private static String sortOf(Browser browser, String key) {
        return browser.byTestId("sort-" + key).findElement(By.xpath("./ancestor::th")).getAttribute("aria-sort");
    }

    /** A date input driven like typing, without depending on the browser's locale date format. */
    private static void setDate(Browser browser, String label, String date) {
        browser.driver().executeScript("const el = arguments[0];"
                + "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, arguments[1]);"
                + "el.dispatchEvent(new Event('input', { bubbles: true }));", browser.field(label), date);
    }

    private static void top(Browser browser) {
        browser.driver().executeScript("window.scrollTo(0, 0);");
    }

    private static Optional<Path> csvIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst();
        }
    }
}
