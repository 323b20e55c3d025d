package io.therapyms.browsertests.client;

import static io.restassured.RestAssured.given;
import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static io.therapyms.browsertests.client.ClientFixtures.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.restassured.response.Response;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Issue #22's calendar feed from the client's Settings: make a link with the therapist's name, copy it, read it
 * as a calendar app would (anonymous HTTP, parsed by biweekly: the booked session is there), turn it off → 404.
 */
@ExtendWith(BrowserStack.class)
class CalendarFeedBrowserTest {

    @Test
    void aClientSubscribesCopiesAndRevokesTheirCalendarLink(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        Person client = Person.client("Cal Feeder");
        try (Browser browser = stack.openBrowser("calendar-feed")) {
            ClientFixtures.LinkedClient linked = api.linkedClient(stack, browser, client, "Europe/Berlin");
            String sessionId = bookedSession(api, stack.baseUrl(), linked);

            browser.followLink("Settings");
            browser.heading("Settings");
            waitForText(browser, "calendar-feed-state", "You have no calendar link.");
            browser.assertAccessible("calendar-feed-none");

            browser.choose("Include your therapist's name");
            browser.press("Make my calendar link");
            String url = browser.field("Your calendar link").getAttribute("value");
            assertThat(url).matches("https?://[^/]+/api/calendar/[A-Za-z0-9_-]{43}\\.ics");
            String token = url.substring(url.lastIndexOf('/') + 1, url.length() - 4);

            // a headless browser has no clipboard permission unless granted (a person's browser asks or allows it)
            browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", browser.baseUrl(),
                    "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
            browser.press("Copy link");
            waitForText(browser, "calendar-feed-copy-status", "Link copied.");
            Object copied = browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('error: ' + e));");
            assertThat(copied).isEqualTo(url);
            browser.assertAccessible("calendar-feed-created");
            browser.screenshot("created");

            // as a calendar app: no session, no token of the client's; the therapist's name arrives by event
            waitUntil(browser, () -> summary(fetch(url), sessionId).equals("Therapy session with " + linked.therapist().name()));
            VEvent event = event(fetch(url), sessionId);
            assertThat(event.getStatus().getValue()).isEqualTo("CONFIRMED");
            assertThat(event.getUrl().getValue()).endsWith("/client/sessions");

            browser.resize(Browser.PHONE);
            browser.assertAccessible("calendar-feed-phone");
            browser.resize(Browser.DESKTOP);

            browser.press("Turn off my calendar link");
            browser.press("Yes, turn it off");
            waitForText(browser, "calendar-feed-revoked", "Your calendar link is turned off.");
            waitForText(browser, "calendar-feed-state", "You have no calendar link.");
            Response gone = given().get(url);
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.contentType()).startsWith("application/problem+json");
            assertThat(gone.asString()).doesNotContain(token);
            browser.assertAccessible("calendar-feed-revoked");
            browser.storage().assertClean(client.password(), token);
        }
    }

    /** One session of the linked client, booked and approved through the REST API. */
    private static String bookedSession(ClientFixtures api, String baseUrl, ClientFixtures.LinkedClient linked) {
        String slotId = api.offerSlot(linked.therapist(), 30);
        // scheduling learns of the link from an event: the request is refused until it has
        String[] requestId = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            Response response = given().baseUri(baseUrl).contentType("application/json").auth().oauth2(linked.token())
                    .body(Map.of("slotId", slotId)).post("/api/appointment-requests");
            requestId[0] = response.statusCode() == 201 ? response.path("appointmentRequestId") : null;
            return requestId[0] != null;
        });
        api.send(linked.therapist().token(), "PUT", "/api/appointment-requests/" + requestId[0],
                Map.of("status", "approved"), 200);
        return api.send(linked.token(), "GET", "/api/sessions", null, 200).getString("items[0].sessionId");
    }

    private static ICalendar fetch(String url) {
        Response response = given().get(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/calendar; charset=utf-8");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        ICalendar calendar = Biweekly.parse(response.asString()).first();
        assertThat(calendar).isNotNull();
        return calendar;
    }

    private static VEvent event(ICalendar calendar, String uid) {
        return calendar.getEvents().stream().filter(e -> e.getUid().getValue().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + uid));
    }

    private static String summary(ICalendar calendar, String uid) {
        return event(calendar, uid).getSummary().getValue();
    }
}
