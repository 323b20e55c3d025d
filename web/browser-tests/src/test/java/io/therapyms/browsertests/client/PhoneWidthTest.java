package io.therapyms.browsertests.client;

import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys.Person;

/** The portal's main pages at 360 px: nothing wider than the screen, axe clean, a screenshot of each in target/screenshots. */
@ExtendWith(BrowserStack.class)
class PhoneWidthTest {

    @Test
    void mainPagesFitA360PixelScreen(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        Person client = Person.client("Pat Phone");
        try (Browser browser = stack.openBrowser("client-phone")) {
            browser.resize(Browser.PHONE);
            ClientFixtures.LinkedClient linked = api.linkedClient(stack, browser, client, "Europe/London");
            api.offerSlot(linked.therapist(), 3);
            api.send(linked.token(), "POST", "/api/journals/" + linked.id(),
                    Map.of("content", "A calm morning", "feeling", "calm", "intensity", 4), 201);
            api.send(linked.therapist().token(), "POST", "/api/messages",
                    Map.of("recipientId", linked.id(), "content", "Welcome"), 201);

            String[][] pages = {
                    { "/client", "Home", "home" }, { "/client/book", "Book a session", "book" },
                    { "/client/sessions", "Sessions", "sessions" }, { "/client/journal", "Journal", "journal" },
                    { "/client/sharing", "Sharing", "sharing" }, { "/client/therapists", "My therapists", "therapists" },
                    { "/client/messages", "Messages", "messages" }, { "/client/settings", "Settings", "settings" } };
            for (String[] page : pages) {
                browser.go(page[0]);
                browser.heading(page[1]);
                if (page[2].equals("journal")) {
                    waitForText(browser, "entries", "A calm morning");
                    browser.byTestId("mood-table");
                } else if (page[2].equals("book")) {
                    browser.byTestId("week");
                } else if (page[2].equals("messages")) {
                    waitForText(browser, "conversations", "1 unread");
                } else if (page[2].equals("home")) {
                    browser.byTestId("unread-messages");
                }
                long width = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth;");
                long viewport = (Long) browser.driver().executeScript("return document.documentElement.clientWidth;");
                assertThat(width).as("%s scroll width", page[0]).isLessThanOrEqualTo(viewport);
                browser.assertAccessible(page[2] + " at 360 px");
                browser.screenshot(page[2]);
            }
            browser.storage().assertClean(client.password(), "A calm morning", "Welcome");
        }
    }
}
