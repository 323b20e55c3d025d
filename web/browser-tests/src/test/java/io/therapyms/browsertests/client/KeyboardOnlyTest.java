package io.therapyms.browsertests.client;

import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Booking and writing a journal entry with the keyboard only (Tab, arrows, Enter, Space, typing through
 * Selenium Actions; no clicks): the set-up (sign-up, profile, link) is arranged before.
 */
@ExtendWith(BrowserStack.class)
class KeyboardOnlyTest {

    @Test
    void bookAndWriteWithTheKeyboardOnly(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        Person client = Person.client("Kai Keys");
        try (Browser browser = stack.openBrowser("client-keyboard")) {
            ClientFixtures.LinkedClient linked = api.linkedClient(stack, browser, client, "Europe/Berlin");
            api.offerSlot(linked.therapist(), 3);
            api.offerSlot(linked.therapist(), 5);
            browser.go("/client");
            browser.heading("Home");

            // Booking: Tab to the area's "Book" link, Enter; Tab to the first slot, arrow to the next, Enter.
            tabTo(browser, By.xpath("//nav//a[normalize-space()='Book']"));
            keys(browser, Keys.ENTER);
            browser.heading("Book a session");
            browser.assertAccessible("book by keyboard");
            WebElement first = firstSlot(browser);
            tabTo(browser, By.cssSelector("button.slot"));
            assertThat(active(browser)).isEqualTo(first);
            keys(browser, Keys.ARROW_RIGHT);
            keys(browser, Keys.ARROW_LEFT);
            assertThat(active(browser)).isEqualTo(first);
            keys(browser, Keys.ENTER);
            // focus moves to the request form's heading; Tab reaches the note, then the button
            tabTo(browser, By.tagName("textarea"));
            new Actions(browser.driver()).sendKeys("First time, by keyboard").perform();
            tabTo(browser, By.xpath("//button[normalize-space()='Request this time']"));
            keys(browser, Keys.ENTER);
            waitForText(browser, "booking-status", "Requested");
            waitForText(browser, "pending-requests", linked.therapist().name());
            assertThat(api.send(linked.token(), "GET", "/api/appointment-requests?status=pending", null, 200)
                    .getList("items")).hasSize(1);
            browser.assertAccessible("book requested by keyboard");

            assertThat(active(browser)).isEqualTo(browser.byTestId("booking-status"));

            // Journal, from a fresh page: Tab to "Journal", type the entry, choose feeling and intensity by typing, Space for private, Enter.
            browser.go("/client");
            browser.heading("Home");
            tabTo(browser, By.xpath("//nav//a[normalize-space()='Journal']"));
            keys(browser, Keys.ENTER);
            browser.heading("Journal");
            tabTo(browser, By.id(browser.field("What is on your mind?").getAttribute("id")));
            new Actions(browser.driver()).sendKeys("Typed without a mouse").perform();
            tabTo(browser, By.id(browser.field("Feeling").getAttribute("id")));
            new Actions(browser.driver()).sendKeys("hopeful").perform();
            tabTo(browser, By.id(browser.field("Intensity").getAttribute("id")));
            new Actions(browser.driver()).sendKeys("7").perform();
            tabTo(browser, By.id(browser.field("Private — only you").getAttribute("id")));
            keys(browser, Keys.SPACE);
            waitForText(browser, "new-visibility", "Only you will see this entry.");
            tabTo(browser, By.xpath("//button[normalize-space()='Save entry']"));
            keys(browser, Keys.ENTER);
            waitForText(browser, "journal-status", "Entry saved.");
            waitForText(browser, "entries", "Typed without a mouse");
            waitForText(browser, "entries", "hopeful, intensity 7 of 10");
            waitForText(browser, "entries", "Only you");
            browser.assertAccessible("journal by keyboard");
            browser.storage().assertClean(client.password(), "Typed without a mouse");
        }
    }

    static WebElement firstSlot(Browser browser) {
        ClientJourneyTest.waitForSlotOrNextWeekByKeyboard(browser);
        return browser.driver().findElements(By.cssSelector("button.slot")).get(0);
    }

    static WebElement active(Browser browser) {
        return browser.driver().switchTo().activeElement();
    }

    static void keys(Browser browser, CharSequence key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    /** Presses Tab until the element becomes the focused one (at most 80 times). */
    static void tabTo(Browser browser, By target) {
        ClientFixtures.waitUntil(browser, () -> !browser.driver().findElements(target).isEmpty());
        WebElement element = browser.driver().findElement(target);
        for (int i = 0; i < 80; i++) {
            if (active(browser).equals(element)) {
                return;
            }
            keys(browser, Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target);
    }
}
