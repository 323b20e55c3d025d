package io.therapyms.browsertests.client;

import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * The portal's main pages at 360 px: nothing wider than the screen, a header of one line, axe clean, a screenshot of
 * each in target/screenshots; the folded navigation opens, is used and closes by keyboard.
 */
@ExtendWith(BrowserStack.class)
class PhoneWidthTest {

    /** The nav's Journal link (by target: WebDriver's link text of a hidden link is empty). */
    private static final By JOURNAL_LINK = By.cssSelector("#area-nav-list a[href='/client/journal']");

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
                // One line: the 44 px bell and menu button plus the header's padding, not the three lines of a wrapped nav.
                long header = (Long) browser.driver().executeScript(
                        "return Math.round(document.querySelector('.site-header').getBoundingClientRect().height);");
                assertThat(header).as("%s header height", page[0]).isLessThan(80);
                browser.assertAccessible(page[2] + " at 360 px");
                browser.screenshot(page[2]);
            }
            // The menu by keyboard: Enter opens it (the links show), a link goes there and folds it again;
            // Escape closes it and gives focus back to the button.
            WebElement menu = browser.byTestId("menu-button");
            assertThat(browser.driver().findElement(JOURNAL_LINK).isDisplayed()).isFalse();
            menu.sendKeys(Keys.ENTER);
            assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
            WebElement journal = browser.driver().findElement(JOURNAL_LINK);
            assertThat(journal.isDisplayed()).isTrue();
            browser.assertAccessible("menu open at 360 px");
            browser.screenshot("menu-open");
            journal.sendKeys(Keys.ENTER);
            browser.heading("Journal");
            assertThat(browser.byTestId("menu-button").getAttribute("aria-expanded")).isEqualTo("false");
            browser.byTestId("menu-button").sendKeys(Keys.ENTER);
            new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
            assertThat(browser.byTestId("menu-button").getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(browser.driver().switchTo().activeElement().getAttribute("data-testid")).isEqualTo("menu-button");
            assertThat(browser.driver().findElement(JOURNAL_LINK).isDisplayed()).isFalse();

            browser.storage().assertClean(client.password(), "A calm morning", "Welcome");
        }
    }
}
