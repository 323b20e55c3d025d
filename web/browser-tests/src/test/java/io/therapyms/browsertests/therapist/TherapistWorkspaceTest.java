package io.therapyms.browsertests.therapist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Issue #16's therapist workspace and admin pages in real browsers against the packaged stack. Where the client
 * portal's page for a step is not in main yet (book, accept a link, approve journal access, access log), the
 * client's step goes through the REST API and the test says so.
 */
@ExtendWith(BrowserStack.class)
class TherapistWorkspaceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void twoBrowserJourney(BrowserStack.Stack stack) {
        Rest rest = new Rest(stack.baseUrl());
        String suffix = suffix();
        Person client = Person.client("Ada Client " + suffix);
        Person therapist = Person.therapist("Kim Therapist " + suffix);
        Person admin = new Person("Admin", stack.adminEmail(), stack.adminPassword(), "admin");
        try (Browser c = stack.openBrowser("journey-client");
                Browser t = stack.openBrowser("journey-therapist");
                Browser a = stack.openBrowser("journey-admin")) {
            Journeys.signUp(c, client);
            String[] ct = rest.login(client.email(), client.password());
            // Every client step below is the client's own page, reached by in-app links only: the client's page is
            // never reloaded, so the live bell and toasts are what the notification socket pushed.
            c.followLink("Settings");
            c.heading("Settings");
            c.fill("Your name", client.name());
            new Select(c.field("Time zone")).selectByValue("Europe/Berlin");
            c.press("Create profile");
            Ui.waitForText(c, "profile-saved", "Profile saved.");

            Journeys.signUp(t, therapist);
            t.heading("Today");
            t.assertAccessible("today");
            String tid = rest.login(therapist.email(), therapist.password())[1];
            t.followLink("Settings");
            t.heading("Settings");
            t.fill("Name", therapist.name()).fill("Expertise", "anxiety, grief").fill("Location", "Berlin")
                    .fill("About you", "Twenty years of practice.").fill("Languages", "German, English");
            t.press("Create directory entry");
            Ui.waitForText(t, "verification-status", "Awaiting verification");
            t.assertAccessible("settings awaiting verification");

            // the admin verifies through the admin UI
            Journeys.signIn(a, admin);
            a.heading("Therapists to verify");
            Ui.button(a, "Verify " + therapist.name()).click();
            Ui.waitForText(a, "admin-status", therapist.name() + " is verified");
            a.assertAccessible("admin therapists");
            t.go("/therapist/settings");
            Ui.waitForText(t, "verification-status", "Verified");

            // link: the therapist asks by client id; the client accepts on My therapists
            t.followLink("Clients");
            t.heading("Clients");
            t.fill("Client id", ct[1]).press("Send link request");
            Ui.waitForText(t, "clients-status", "Link request sent");
            c.followLink("Therapists");
            c.heading("My therapists");
            c.press("Approve " + therapist.name());
            Ui.waitForText(c, "therapists-status", "You are now linked with " + therapist.name());
            Ui.waitForText(t, "caseload", client.name());
            t.assertAccessible("clients");

            // the therapist offers a slot
            t.followLink("Availability");
            t.heading("Calendar and availability");
            new Select(t.field("Time zone for this page")).selectByValue("UTC");
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
            Ui.setValue(t, "Date of slot 1", day.toString());
            Ui.setValue(t, "Start of slot 1", "10:00");
            Ui.setValue(t, "End of slot 1", "11:00");
            t.press("Save slots");
            Ui.waitForText(t, "availability-status", "1 slot added");
            t.assertAccessible("availability");

            // the client books in the week calendar
            c.followLink("Book");
            c.heading("Book a session");
            LocalDate slotDay = day.atTime(10, 0).atZone(ZoneOffset.UTC).withZoneSameInstant(BERLIN).toLocalDate();
            long weeksAhead = ChronoUnit.WEEKS.between(LocalDate.now(BERLIN).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    slotDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            Ui.clickFirstOpenSlot(c, weeksAhead);
            c.press("Request this time");
            Ui.waitForText(c, "booking-status", "Requested");
            assertThat(rest.get(ct[0], "/api/appointment-requests").getList("items.status")).containsExactly("pending");

            // the therapist approves with a double click: one request, one session
            t.followLink("Requests");
            t.heading("Requests");
            WebElement approve = new WebDriverWait(t.driver(), Browser.WAIT).until(d -> d.findElement(
                    By.xpath("//table[@data-testid='appointment-requests']//button[normalize-space()='Approve']")));
            t.assertAccessible("requests");
            t.driver().executeScript("arguments[0].click(); arguments[0].click();", approve);
            Ui.waitForText(t, "request-status", "Approved");
            // the client's bell and toast show it without a reload (the client's page has not been reloaded since sign-up)
            Ui.waitForText(c, "toasts", "Your appointment was approved");
            assertThat(Integer.parseInt(c.byTestId("bell-count").getText())).isGreaterThanOrEqualTo(1);
            List<Map<String, Object>> sessions = rest.get(ct[0], "/api/sessions").getList("items");
            assertThat(sessions).hasSize(1);
            assertThat(rest.get(ct[0], "/api/appointment-requests").getList("items.status")).containsExactly("approved");

            // notes: shared saved, private over-long refused with the text kept, then retried
            t.followLink("Sessions");
            t.heading("Sessions");
            new WebDriverWait(t.driver(), Browser.WAIT)
                    .until(d -> d.findElement(By.cssSelector("[data-testid='sessions'] a"))).click();
            t.heading("Session with " + client.name());
            assertThat(t.byTestId("privateNotes-privacy").getText()).isEqualTo("Private — never shown to the client");
            t.fill("Shared notes", "We agreed on a plan for the week.");
            t.press("Save shared notes");
            Ui.waitForText(t, "sharedNotes-state", "Saved");
            Ui.setValue(t, "Private notes", "x".repeat(20_001));
            t.press("Save private notes");
            Ui.waitForText(t, "editor-privateNotes", "must be 20,000 characters or fewer");
            assertThat(t.field("Private notes").getDomProperty("value")).hasSize(20_001);
            t.assertAccessible("session notes with an error");
            Ui.setValue(t, "Private notes", "Seems tired; follow up on sleep.");
            t.press("Retry saving private notes");
            Ui.waitForText(t, "privateNotes-state", "Saved");
            String sessionId = (String) sessions.get(0).get("sessionId");
            var clientView = rest.get(ct[0], "/api/sessions/" + sessionId);
            assertThat(clientView.getString("sharedNotes")).isEqualTo("We agreed on a plan for the week.");
            assertThat(clientView.getMap("$")).doesNotContainKey("privateNotes");
            Ui.setValue(t, "Shared notes", "");
            t.press("Save shared notes");
            Ui.waitForText(t, "sharedNotes-state", "Saved");

            // messages both ways, live
            t.followLink("Clients");
            t.followLink(client.name());
            t.heading(client.name());
            t.followLink("Messages with " + client.name());
            t.heading("Messages with " + client.name());
            t.fill("Your message", "Hello from your therapist").press("Send");
            Ui.waitForText(t, "thread", "Hello from your therapist");
            Ui.waitForText(c, "toasts", "You have a new message");
            // the client answers on the Messages page; the therapist's thread updates live
            c.followLink("Messages");
            c.heading("Messages");
            Ui.waitForText(c, "conversations", therapist.name());
            c.driver().findElement(By.xpath("//button[contains(@class,'conversation')][contains(.,'" + therapist.name() + "')]")).click();
            Ui.waitForText(c, "thread", "Hello from your therapist");
            c.fill("Message to " + therapist.name(), "Thanks, see you then").press("Send");
            Ui.waitForText(t, "thread", "Thanks, see you then");
            t.press("Edit");
            t.fill("Edit message", "Hello from your therapist (edited)").press("Save message");
            Ui.waitForText(t, "thread", "(edited)");
            t.assertAccessible("thread");

            // journal access: request, the client approves on Sharing, the therapist reads, the client's log shows it
            rest.post(ct[0], "/api/journals/" + ct[1], Map.of("content", "Slept better this week", "feeling", "calm",
                    "intensity", 4), 201);
            rest.post(ct[0], "/api/journals/" + ct[1], Map.of("content", "Secret entry", "feeling", "sad",
                    "intensity", 7, "private", true), 201);
            t.followLink("Clients");
            t.followLink(client.name());
            t.heading(client.name());
            t.fill("Reason (optional)", "To prepare our sessions").press("Request journal access");
            Ui.waitForText(t, "access-pending", "waiting for their answer");
            c.followLink("Sharing");
            c.heading("Sharing");
            Ui.waitForText(c, "access-requests", "To prepare our sessions");
            c.press("Approve " + therapist.name());
            Ui.waitForText(c, "sharing-status", therapist.name() + " can now read");
            Ui.waitForText(t, "reads-logged", "Your reads are logged and visible to the client");
            Ui.waitForText(t, "client-journal", "Slept better this week");
            assertThat(t.byTestId("client-journal").getText()).doesNotContain("Secret entry");
            t.assertAccessible("client journal");
            new WebDriverWait(t.driver(), Browser.WAIT).until(d -> rest.get(ct[0], "/api/journals/" + ct[1] + "/access-log")
                    .getList("items.therapistId").contains(tid));
            c.followLink("Home");
            c.heading("Home");
            c.followLink("Sharing");
            c.heading("Sharing");
            Ui.waitForText(c, "access-log", therapist.name());
            c.assertAccessible("sharing with the therapist's read in the log");

            t.resize(Browser.PHONE);
            t.assertAccessible("client journal at 360 px");
            t.screenshot("client-journal-phone");

            // ending the link (after a confirmation) empties the caseload and revokes the journal grant
            t.resize(Browser.DESKTOP);
            t.followLink("Clients");
            t.heading("Clients");
            t.press("End link…");
            t.assertAccessible("end link confirmation");
            t.press("End link with " + client.name());
            Ui.waitForText(t, "clients-status", "The link with " + client.name() + " has ended");
            new WebDriverWait(t.driver(), Browser.WAIT).until(d -> d.findElements(By.cssSelector("[data-testid='caseload']")).isEmpty());
            assertThat(rest.get(rest.login(therapist.email(), therapist.password())[0], "/api/therapists/" + tid + "/clients").getList("items")).isEmpty();
            c.storage().assertClean(client.password(), "Slept better");
            t.storage().assertClean(therapist.password(), "Slept better", "Seems tired", "Hello from your therapist");
            a.storage().assertClean(stack.adminPassword());
        }
    }

    @Test
    void badInputIsRefusedNextToTheField(BrowserStack.Stack stack) {
        Rest rest = new Rest(stack.baseUrl());
        Person therapist = Person.therapist("Bo Therapist " + suffix());
        try (Browser t = stack.openBrowser("bad-input")) {
            Journeys.signUp(t, therapist);
            String[] tt = rest.login(therapist.email(), therapist.password());
            t.followLink("Settings");
            t.heading("Settings");
            Ui.setValue(t, "Name", "");
            t.fill("Location", "L".repeat(201));
            Ui.setValue(t, "About you", "b".repeat(5001));
            t.press("Create directory entry");
            assertThat(t.errorSummary()).containsExactlyInAnyOrder("Enter your name as clients will see it",
                    "Enter at least one area of expertise", "Location must be 200 characters or fewer",
                    "About you must be 5,000 characters or fewer (now 5001)");
            assertThat(t.field("About you").getDomProperty("value")).hasSize(5001);
            t.assertAccessible("settings with errors");
            t.fill("Name", therapist.name()).fill("Expertise", "trauma").fill("Location", "Hamburg");
            Ui.setValue(t, "About you", "Short bio.");
            t.press("Create directory entry");
            Ui.waitForText(t, "verification-status", "Awaiting verification");

            t.followLink("Availability");
            t.heading("Calendar and availability");
            new Select(t.field("Time zone for this page")).selectByValue("UTC");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Ui.setValue(t, "Date of slot 1", today.plusDays(3).toString());
            Ui.setValue(t, "Start of slot 1", "09:00");
            Ui.setValue(t, "End of slot 1", "10:00");
            t.press("Add another slot");
            Ui.setValue(t, "Date of slot 2", today.minusDays(1).toString());
            Ui.setValue(t, "Start of slot 2", "09:00");
            Ui.setValue(t, "End of slot 2", "10:00");
            t.press("Save slots");
            Ui.waitForText(t, "slot-row-error-1", "in the past");
            assertThat(t.driver().findElements(By.cssSelector("[data-testid='slot-row-error-0']"))).isEmpty();
            t.assertAccessible("availability with a row error");

            // a slot saved elsewhere: the API's 409 names the clash, shown on the second row only
            Instant taken = today.plusDays(4).atTime(14, 0).toInstant(ZoneOffset.UTC);
            rest.post(tt[0], "/api/session-slots/" + tt[1], Map.of("slots", List.of(Map.of("startTime", taken.toString(),
                    "endTime", taken.plusSeconds(3600).toString()))), 201);
            Ui.setValue(t, "Date of slot 2", today.plusDays(4).toString());
            Ui.setValue(t, "Start of slot 2", "14:30");
            Ui.setValue(t, "End of slot 2", "15:30");
            t.press("Save slots");
            Ui.waitForText(t, "slot-row-error-1", "Overlaps another of your slots");
            assertThat(t.driver().findElements(By.cssSelector("[data-testid='slot-row-error-0']"))).isEmpty();
            assertThat(rest.get(tt[0], "/api/session-slots/" + tt[1]).getList("items")).hasSize(1);
            Ui.setValue(t, "Start of slot 2", "16:00");
            Ui.setValue(t, "End of slot 2", "17:00");
            t.press("Save slots");
            Ui.waitForText(t, "availability-status", "2 slots added");
            assertThat(rest.get(tt[0], "/api/session-slots/" + tt[1]).getList("items")).hasSize(3);

            // the week view shows the open slots; one is deleted from there
            if (!t.byTestId("week-view").getText().contains("16:00–17:00")) {
                t.press("Next week");
            }
            Ui.waitForText(t, "week-view", "16:00–17:00");
            t.assertAccessible("week view");
            t.driver().findElement(By.xpath("//li[@data-testid='week-slot'][contains(., '16:00–17:00')]//button")).click();
            Ui.waitForText(t, "availability-status", "Removed the open slot");
            assertThat(rest.get(tt[0], "/api/session-slots/" + tt[1]).getList("items")).hasSize(2);
            t.storage().assertClean(therapist.password());
        }
    }

    @Test
    void weeklySlotsKeepTheirLocalTimeAcrossTheClockChange(BrowserStack.Stack stack) {
        Rest rest = new Rest(stack.baseUrl());
        Person therapist = Person.therapist("Dee Therapist " + suffix());
        LocalDate change = nextClockChangeInBerlin(LocalDate.now(ZoneOffset.UTC).plusDays(2));
        LocalDate first = change.with(TemporalAdjusters.previous(DayOfWeek.MONDAY));
        try (Browser t = stack.openBrowser("dst")) {
            Journeys.signUp(t, therapist);
            String[] tt = rest.login(therapist.email(), therapist.password());
            t.followLink("Availability");
            t.heading("Calendar and availability");
            new Select(t.field("Time zone for this page")).selectByValue("Europe/Berlin");
            Ui.setValue(t, "First date", first.toString());
            Ui.setValue(t, "Start time", "09:00");
            new Select(t.field("Length")).selectByValue("60");
            t.fill("Number of weeks", "3");
            t.press("Add weekly slots");
            Ui.waitForText(t, "availability-status", "3 weekly slots added");
            t.assertAccessible("availability weekly");

            String from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            String to = first.plusDays(21).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            List<String> starts = rest.get(tt[0], "/api/session-slots/" + tt[1] + "?from=" + from + "&to=" + to)
                    .getList("items.startTime");
            assertThat(starts).hasSize(3);
            for (int i = 0; i < 3; i++) {
                var local = Instant.parse(starts.get(i)).atZone(BERLIN);
                assertThat(local.toLocalDate()).isEqualTo(first.plusWeeks(i));
                assertThat(local.toLocalTime().toString()).isEqualTo("09:00");
            }
            // the UTC hour differs on the two sides of the change: the conversion used each date's own offset
            assertThat(Instant.parse(starts.get(0)).atZone(ZoneOffset.UTC).getHour())
                    .isNotEqualTo(Instant.parse(starts.get(2)).atZone(ZoneOffset.UTC).getHour());
        }
    }

    @Test
    void adminVerifiesATherapistAndDeactivatesAUser(BrowserStack.Stack stack) {
        Rest rest = new Rest(stack.baseUrl());
        String suffix = suffix();
        String therapistName = "Eve Therapist " + suffix;
        String[] th = signUpByRest(rest, "therapist", therapistName);
        rest.post(th[0], "/api/therapists", Map.of("name", therapistName, "expertise", List.of("grief"),
                "location", "Munich", "acceptingClients", true), 201);
        String clientName = "Zed Client " + suffix;
        String[] cl = signUpByRest(rest, "client", clientName);
        rest.post(cl[0], "/api/clients", Map.of("name", clientName), 201);

        try (Browser a = stack.openBrowser("admin")) {
            Journeys.signIn(a, new Person("Admin", stack.adminEmail(), stack.adminPassword(), "admin"));
            a.heading("Therapists to verify");
            Ui.button(a, "Verify " + therapistName).click();
            Ui.waitForText(a, "admin-status", therapistName + " is verified");
            Ui.waitForText(a, "verified", therapistName);
            assertThat(rest.get(th[0], "/api/therapists/" + th[1]).getBoolean("verified")).isTrue();
            Ui.button(a, "Unverify " + therapistName).click();
            Ui.waitForText(a, "admin-status", therapistName + " is no longer verified");
            assertThat(rest.get(th[0], "/api/therapists/" + th[1]).getBoolean("verified")).isFalse();
            Ui.button(a, "Verify " + therapistName).click();
            Ui.waitForText(a, "admin-status", therapistName + " is verified");

            a.followLink("Users");
            a.heading("Users");
            a.fill("Client name starts with", clientName).press("Filter");
            Ui.button(a, "Deactivate " + clientName).click();
            a.byTestId("confirm-deactivate");
            a.assertAccessible("users with confirmation");
            a.press("Yes, deactivate");
            Ui.waitForText(a, "users-status", clientName + " is deactivated");
            assertThat(rest.loginStatus(cl[2], cl[3])).isNotEqualTo(200);
            a.resize(Browser.PHONE);
            a.assertAccessible("users at 360 px");
            a.storage().assertClean(stack.adminPassword());
        }
    }

    /** {@code [accessToken, userId, email, password]}. */
    private static String[] signUpByRest(Rest rest, String role, String name) {
        String id = suffix();
        String email = role + "-" + id + "@example.com";
        String password = "pw-" + id + "-correct-horse";
        rest.post(null, "/api/signup", Map.of("email", email, "password", password, "role", role, "name", name), 201);
        String[] login = rest.login(email, password);
        return new String[] { login[0], login[1], email, password };
    }

    /** The next last Sunday of March or October after {@code after}, whose Monday before is after it too. */
    static LocalDate nextClockChangeInBerlin(LocalDate after) {
        for (int year = after.getYear(); ; year++) {
            for (int month : new int[] { 3, 10 }) {
                LocalDate sunday = LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
                if (sunday.with(TemporalAdjusters.previous(DayOfWeek.MONDAY)).isAfter(after)) {
                    return sunday;
                }
            }
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
