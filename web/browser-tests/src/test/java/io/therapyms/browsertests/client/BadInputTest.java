package io.therapyms.browsertests.client;

import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static io.therapyms.browsertests.client.ClientFixtures.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Bad input through the UI: an empty and an over-long journal entry (10,000 characters is the limit), a
 * double submit of a booking (exactly one request), and the API unreachable while saving (the browser offline
 * through DevTools): the retry banner, the text still in the form, saved with the same text once back online.
 */
@ExtendWith(BrowserStack.class)
class BadInputTest {

    @Test
    void emptyAndOverLongEntriesDoubleBookingAndTheApiDown(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        Person client = Person.client("Bo Bad");
        try (Browser browser = stack.openBrowser("client-bad-input")) {
            ClientFixtures.LinkedClient linked = api.linkedClient(stack, browser, client, "America/New_York");

            // Journal: empty → every missing field named; 10,001 characters → refused; 10,000 → saved.
            browser.go("/client/journal");
            browser.heading("Journal");
            browser.press("Save entry");
            assertThat(browser.errorSummary()).contains("Write something in your entry", "Choose how you feel",
                    "Choose how strong the feeling is, from 1 to 10");
            browser.assertAccessible("journal empty entry");
            setText(browser, browser.field("What is on your mind?"), "x".repeat(10_001));
            new Select(browser.field("Feeling")).selectByValue("tired");
            new Select(browser.field("Intensity")).selectByValue("3");
            browser.press("Save entry");
            assertThat(browser.errorSummary()).contains("Your entry must be 10,000 characters or fewer (it has 10,001)");
            browser.assertAccessible("journal over-long entry");
            setText(browser, browser.field("What is on your mind?"), "y".repeat(10_000));
            browser.press("Save entry");
            waitForText(browser, "journal-status", "Entry saved.");
            List<String> contents = api.send(linked.token(), "GET", "/api/journals/" + linked.id(), null, 200).getList("items.content");
            assertThat(contents).containsExactly("y".repeat(10_000));

            // The API unreachable while saving: nothing lost, saved after going back online.
            String draft = "Half-written while the network was gone";
            browser.fill("What is on your mind?", draft);
            new Select(browser.field("Feeling")).selectByValue("anxious");
            new Select(browser.field("Intensity")).selectByValue("8");
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.driver().setNetworkConditions(offline);
            browser.press("Save entry");
            browser.byTestId("connection-banner");
            assertThat(browser.errorSummary()).anySatisfy(e -> assertThat(e).contains("Nothing you entered is lost"));
            assertThat(browser.field("What is on your mind?").getAttribute("value")).isEqualTo(draft);
            assertThat(new Select(browser.field("Feeling")).getFirstSelectedOption().getAttribute("value")).isEqualTo("anxious");
            browser.assertAccessible("journal with the retry banner");
            browser.screenshot("journal-offline");
            browser.driver().deleteNetworkConditions();
            // the banner probes on its own too: press "Try again" unless it already found the server
            for (WebElement retry : browser.driver().findElements(By.xpath("//button[normalize-space()='Try again']"))) {
                try {
                    retry.click();
                } catch (org.openqa.selenium.WebDriverException gone) {
                    // the banner went away between finding and clicking
                }
            }
            waitUntil(browser, () -> browser.driver().findElements(By.cssSelector("[data-testid='connection-banner']")).isEmpty());
            browser.press("Save entry");
            waitForText(browser, "journal-status", "Entry saved.");
            waitForText(browser, "entries", draft);
            assertThat(api.send(linked.token(), "GET", "/api/journals/" + linked.id(), null, 200).getList("items.content"))
                    .contains(draft);

            // Booking: "Request this time" pressed twice at once → one request.
            api.offerSlot(linked.therapist(), 4);
            browser.followLink("Book");
            browser.heading("Book a session");
            waitForText(browser, "zone-note", "New York time");
            ClientJourneyTest.clickFirstSlot(browser);
            WebElement request = browser.driver().findElement(By.xpath("//button[normalize-space()='Request this time']"));
            browser.driver().executeScript("arguments[0].click(); arguments[0].click();", request);
            waitForText(browser, "booking-status", "Requested");
            assertThat(browser.driver().findElements(By.cssSelector(".error-summary"))).isEmpty();
            assertThat(api.send(linked.token(), "GET", "/api/appointment-requests", null, 200).getList("items")).hasSize(1);
            browser.assertAccessible("book after a double submit");
            browser.storage().assertClean(client.password(), draft);
        }
    }

    /** Sets a long text the way typing would (React sees an input event) without typing 10,000 keys. */
    static void setText(Browser browser, WebElement area, String text) {
        browser.driver().executeScript(
                "const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;"
                        + "set.call(arguments[0], arguments[1]);"
                        + "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", area, text);
    }
}
