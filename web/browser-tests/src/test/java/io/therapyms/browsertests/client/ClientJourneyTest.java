package io.therapyms.browsertests.client;

import static io.therapyms.browsertests.client.ClientFixtures.waitForButton;
import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static io.therapyms.browsertests.client.ClientFixtures.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * A client through every page of the portal, the therapists' side arranged through the REST API: profile and
 * time zone, link both ways, book in the week calendar, session with shared notes (never the private ones),
 * journal write/edit/filter/delete with the mood table, journal sharing approve/revoke and the access log,
 * messages both ways (one live), erase the account. axe on every page; storage clean at the end.
 */
@ExtendWith(BrowserStack.class)
class ClientJourneyTest {

    @Test
    void aClientUsesEveryPageOfThePortal(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        ClientFixtures.Therapist morgan = api.verifiedTherapist(stack, "Alex Morgan " + suffix);
        ClientFixtures.Therapist lee = api.verifiedTherapist(stack, "Sam Lee " + suffix);
        api.offerSlot(morgan, 3);
        Person client = Person.client("Robin Client");
        String journalText = "Walked by the river and felt calmer " + suffix;

        try (Browser browser = stack.openBrowser("client-journey")) {
            Journeys.signUp(browser, client);
            browser.heading("Home");
            waitForText(browser, "next-session", "No session booked");
            browser.assertAccessible("client home without profile");
            String clientId = api.send(null, "POST", "/api/login",
                    Map.of("email", client.email(), "password", client.password()), 200).getString("userId");

            // Settings: the profile does not exist yet → POST, with a time zone from the IANA list.
            browser.followLink("Settings");
            browser.heading("Settings");
            browser.fill("Your name", "Robin Client");
            new Select(browser.field("Time zone")).selectByValue("Europe/Berlin");
            browser.press("Create profile");
            waitForText(browser, "profile-saved", "Profile saved.");
            browser.assertAccessible("settings");
            assertThat(api.send(api.clientToken(client.email(), client.password()), "GET", "/api/clients/" + clientId, null, 200)
                    .getString("timezone")).isEqualTo("Europe/Berlin");

            // Therapists: find Morgan by name prefix and ask for a link; Morgan approves; Lee asks and the client approves.
            browser.followLink("Therapists");
            browser.heading("My therapists");
            browser.fill("Name starts with", morgan.name());
            browser.press("Search");
            browser.press("Ask " + morgan.name() + " to link");
            waitForText(browser, "therapists-status", "Request sent to " + morgan.name());
            waitForText(browser, "outgoing-requests", morgan.name());
            browser.assertAccessible("therapists with a pending request");
            api.approvePending(morgan, "/api/mapping-requests", "mappingRequestId", "/api/mapping-requests/");
            api.send(lee.token(), "POST", "/api/mapping-requests", Map.of("clientId", clientId), 201);
            browser.go("/client/therapists");
            browser.heading("My therapists");
            waitForText(browser, "linked-therapists", morgan.name());
            browser.press("Approve " + lee.name());
            waitForText(browser, "therapists-status", "You are now linked with " + lee.name());
            waitForText(browser, "linked-therapists", lee.name());
            browser.assertAccessible("therapists linked");

            // Book: Morgan's open slot in the week calendar, in Berlin time.
            browser.followLink("Book");
            browser.heading("Book a session");
            waitForText(browser, "zone-note", "Berlin time");
            clickFirstSlot(browser);
            browser.press("Request this time");
            waitForText(browser, "booking-status", "Requested");
            waitForText(browser, "pending-requests", morgan.name());
            browser.assertAccessible("book");
            api.approvePending(morgan, "/api/appointment-requests", "appointmentRequestId", "/api/appointment-requests/");

            // Sessions: the booked session; the shared notes show, the private ones never reach the page.
            String sessionId = api.send(morgan.token(), "GET", "/api/sessions", null, 200).getString("items[0].sessionId");
            api.send(morgan.token(), "PUT", "/api/sessions/" + sessionId,
                    Map.of("sharedNotes", "Practise the breathing exercise " + suffix, "privateNotes", "PRIVATE-" + suffix), 200);
            browser.followLink("Sessions");
            browser.heading("Sessions");
            waitForText(browser, "upcoming-sessions", "Practise the breathing exercise " + suffix);
            assertThat(browser.driver().getPageSource()).doesNotContain("PRIVATE-" + suffix);
            browser.assertAccessible("sessions");
            browser.go("/client");
            browser.heading("Home");
            waitForText(browser, "next-session", morgan.name());
            browser.assertAccessible("home with a session");

            // Journal: write a private entry, see it in the list and the mood table, edit, filter, delete.
            browser.followLink("Journal");
            browser.heading("Journal");
            waitForText(browser, "sharing-statement", "Only you can read your journal now");
            browser.fill("What is on your mind?", journalText);
            new Select(browser.field("Feeling")).selectByValue("calm");
            new Select(browser.field("Intensity")).selectByValue("6");
            browser.choose("Private — only you");
            waitForText(browser, "new-visibility", "Only you will see this entry.");
            browser.press("Save entry");
            waitForText(browser, "journal-status", "Entry saved.");
            waitForText(browser, "entries", journalText);
            waitForText(browser, "entries", "Only you");
            waitForText(browser, "mood-table", "6.0");
            assertThat(browser.field("What is on your mind?").getAttribute("value")).isEmpty();
            browser.assertAccessible("journal with an entry");
            browser.driver().findElement(By.xpath("//button[starts-with(normalize-space(),'Edit entry of')]")).click();
            browser.fill("Entry", journalText + " and slept well");
            browser.press("Save changes");
            waitForText(browser, "journal-status", "Entry updated.");
            waitForText(browser, "entries", "and slept well");
            new Select(browser.field("Show feeling")).selectByValue("sad");
            browser.press("Apply filters");
            waitForText(browser, "no-entries", "No entries match these filters.");
            browser.press("Clear filters");
            waitForText(browser, "entries", "and slept well");
            browser.driver().findElement(By.xpath("//button[starts-with(normalize-space(),'Delete entry of')]")).click();
            waitForText(browser, "entries", "It is gone for good");
            browser.assertAccessible("journal delete confirmation");
            browser.press("Yes, delete the entry");
            waitForText(browser, "no-entries", "No entries yet");

            // Sharing: Morgan asks to read the journal; the client approves, Morgan reads, the log shows it; revoke.
            api.send(morgan.token(), "POST", "/api/journal-access-requests", Map.of("clientId", clientId, "reason", "To prepare our session"), 201);
            browser.followLink("Sharing");
            browser.heading("Sharing");
            waitForText(browser, "access-requests", "To prepare our session");
            browser.assertAccessible("sharing with a request");
            browser.press("Approve " + morgan.name());
            waitForText(browser, "sharing-status", morgan.name() + " can now read");
            waitForText(browser, "grants", morgan.name());
            api.send(morgan.token(), "GET", "/api/journals/" + clientId, null, 200);
            browser.go("/client/sharing");
            browser.heading("Sharing");
            waitForText(browser, "access-log", morgan.name());
            browser.assertAccessible("sharing with a grant and the log");
            browser.press("Revoke " + morgan.name() + "'s access");
            browser.press("Yes, revoke " + morgan.name() + "'s access");
            waitForText(browser, "sharing-status", morgan.name() + " can no longer read your journal.");
            waitForText(browser, "no-grants", "Nobody");

            // Messages: unread from Morgan, open the thread (marks read), reply, a live one, edit and delete own.
            api.send(morgan.token(), "POST", "/api/messages", Map.of("recipientId", clientId, "content", "Hello from Morgan"), 201);
            browser.followLink("Messages");
            browser.heading("Messages");
            waitForText(browser, "conversations", "1 unread");
            browser.assertAccessible("messages");
            browser.driver().findElement(By.xpath("//button[contains(@class,'conversation')][contains(.,'" + morgan.name() + "')]")).click();
            waitForText(browser, "thread", "Hello from Morgan");
            waitUntil(browser, () -> !browser.byTestId("conversations").getText().contains("unread"));
            browser.fill("Message to " + morgan.name(), "Thank you, see you soon");
            browser.press("Send");
            waitForText(browser, "thread", "Thank you, see you soon");
            api.send(morgan.token(), "POST", "/api/messages", Map.of("recipientId", clientId, "content", "Live from Morgan"), 201);
            waitForText(browser, "thread", "Live from Morgan");
            browser.driver().findElement(By.xpath("//button[starts-with(normalize-space(),'Edit message of')]")).click();
            browser.fill("Edit your message", "Thank you, see you on Monday");
            browser.press("Save message");
            waitForText(browser, "thread", "see you on Monday");
            browser.assertAccessible("messages thread");
            browser.driver().findElement(By.xpath("//button[starts-with(normalize-space(),'Delete message of')]")).click();
            browser.press("Yes, delete it");
            waitForText(browser, "thread", "Message deleted");

            // Erase: the confirmation names the consequence; then signed out.
            browser.followLink("Settings");
            browser.heading("Settings");
            browser.press("Erase my account");
            waitForText(browser, "erase-confirm", "This cannot be undone");
            browser.assertAccessible("settings erase confirmation");
            browser.storage().assertClean(client.password(), journalText, "Hello from Morgan", "breathing exercise");
            browser.press("Yes, erase my account");
            browser.heading("Sign in");
            assertThat(api.status("POST", "/api/login", Map.of("email", client.email(), "password", client.password())))
                    .isIn(401, 403);
            browser.storage().assertClean(client.password(), journalText, "Hello from Morgan", "breathing exercise");
        }
    }

    /** Waits for an open slot; when the week has none (late on a Sunday), moves on a week with Tab and Enter. */
    static void waitForSlotOrNextWeekByKeyboard(Browser browser) {
        for (int week = 0; week < 3; week++) {
            waitUntil(browser, () -> !browser.driver().findElements(By.cssSelector("button.slot")).isEmpty()
                    || !browser.driver().findElements(By.cssSelector("[data-testid='no-slots']")).isEmpty());
            if (!browser.driver().findElements(By.cssSelector("button.slot")).isEmpty()) {
                return;
            }
            KeyboardOnlyTest.tabTo(browser, By.xpath("//button[normalize-space()='Next week']"));
            KeyboardOnlyTest.keys(browser, org.openqa.selenium.Keys.ENTER);
            waitUntil(browser, () -> browser.driver().findElements(By.cssSelector("[data-testid='no-slots']")).isEmpty()
                    || !browser.driver().findElements(By.cssSelector("button.slot")).isEmpty());
        }
        throw new AssertionError("no open slot in three weeks");
    }

    /** The first open slot of the calendar, moving on a week or two when the slot falls into the next week. */
    static void clickFirstSlot(Browser browser) {
        for (int week = 0; week < 3; week++) {
            waitUntil(browser, () -> !browser.driver().findElements(By.cssSelector("button.slot")).isEmpty()
                    || !browser.driver().findElements(By.cssSelector("[data-testid='no-slots']")).isEmpty());
            var slots = browser.driver().findElements(By.cssSelector("button.slot"));
            if (!slots.isEmpty()) {
                slots.get(0).click();
                return;
            }
            browser.press("Next week");
        }
        throw new AssertionError("no open slot in three weeks");
    }
}
