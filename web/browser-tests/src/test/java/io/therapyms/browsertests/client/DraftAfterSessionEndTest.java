package io.therapyms.browsertests.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;
import io.therapyms.browsertests.support.RestApi;

/**
 * UX.md "Nothing is lost": a journal entry and a message half-written when the session dies (password changed from
 * another session, so the refresh is refused and the app goes to sign-in) are still in their forms after signing in
 * again, and can be sent; none of it ever reaches browser storage.
 */
@ExtendWith(BrowserStack.class)
class DraftAfterSessionEndTest {

    @Test
    void aHalfWrittenEntryAndMessageSurviveTheSignInAfterASessionEnded(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        RestApi rest = new RestApi(stack.baseUrl());
        Person client = Person.client("Dana Draft");
        String entry = "Half of what I wanted to say about Tuesday, and the rest of it";
        String message = "Before our session I wanted to tell you that the new routine";
        String clientId;
        try (Browser browser = stack.openBrowser("draft-client")) {
            ClientFixtures.LinkedClient linked = api.linkedClient(stack, browser, client, "Europe/Berlin");
            clientId = linked.id();
            browser.go("/client/journal");
            browser.heading("Journal");
            browser.fill("What is on your mind?", entry);
            new Select(browser.field("Feeling")).selectByValue("hopeful");
            new Select(browser.field("Intensity")).selectByValue("6");

            String changed = client.password() + "-changed";
            rest.changePassword(rest.login(client.email(), client.password()), client.password(), changed);
            // Saving is refused, the refresh too (or the notification socket noticed first): sign-in, with the word.
            pressIfPresent(browser, "Save entry");
            browser.heading("Sign in");
            assertThat(browser.byTestId("session-notice").getText()).isEqualTo("Your session has ended. Please sign in again.");
            browser.storage().assertClean(entry);

            Journeys.signIn(browser, new Person(client.name(), client.email(), changed, "client"));
            browser.heading("Journal");
            assertThat(browser.field("What is on your mind?").getAttribute("value")).isEqualTo(entry);
            assertThat(new Select(browser.field("Feeling")).getFirstSelectedOption().getAttribute("value")).isEqualTo("hopeful");
            assertThat(new Select(browser.field("Intensity")).getFirstSelectedOption().getAttribute("value")).isEqualTo("6");
            browser.assertAccessible("journal with the kept draft");
            browser.press("Save entry");
            ClientFixtures.waitUntil(browser, () -> browser.field("What is on your mind?").getAttribute("value").isEmpty());
            String token = api.clientToken(client.email(), changed);
            List<String> saved = api.send(token, "GET", "/api/journals/" + linked.id(), null, 200).getList("items.content");
            assertThat(saved).containsExactly(entry);
            browser.storage().assertClean(changed, entry);
        }

        // The therapist's side: a message to a client, the same way.
        Person therapist = Person.therapist("Toni Draft");
        rest.post(null, "/api/signup", Map.of("email", therapist.email(), "password", therapist.password(), "role", "therapist",
                "name", therapist.name()), 201);
        String[] t = rest.loginWithId(therapist.email(), therapist.password());
        String clientToken = api.clientToken(client.email(), client.password() + "-changed");
        rest.post(t[0], "/api/therapists", Map.of("name", therapist.name(), "expertise", List.of("anxiety"), "location", "Berlin",
                "acceptingClients", true), 201);
        rest.post(rest.login(stack.adminEmail(), stack.adminPassword()), "/api/therapists/" + t[1] + "/verification",
                Map.of("verified", true), 204);
        String request = api.send(t[0], "POST", "/api/mapping-requests", Map.of("clientId", clientId), 201).getString("mappingRequestId");
        api.send(clientToken, "PUT", "/api/mapping-requests/" + request, Map.of("status", "approved"), 200);
        try (Browser browser = stack.openBrowser("draft-therapist")) {
            Journeys.signIn(browser, therapist);
            browser.heading("Today");
            browser.go("/therapist/messages/" + clientId);
            browser.heading("Messages with " + client.name());
            browser.fill("Your message", message);

            String changed = therapist.password() + "-changed";
            rest.changePassword(t[0], therapist.password(), changed);
            pressIfPresent(browser, "Send");
            browser.heading("Sign in");
            Journeys.signIn(browser, new Person(therapist.name(), therapist.email(), changed, "therapist"));
            browser.heading("Messages with " + client.name());
            assertThat(browser.field("Your message").getAttribute("value")).isEqualTo(message);
            browser.press("Send");
            ClientFixtures.waitUntil(browser, () -> browser.field("Your message").getAttribute("value").isEmpty());
            assertThat(api.send(clientToken, "GET", "/api/messages?with=" + t[1], null, 200).getList("items.content"))
                    .containsExactly(message);
            browser.storage().assertClean(changed, message);
        }
    }

    /** Clicks the button if it is there right now: the app may already be on its way to sign-in. */
    private static void pressIfPresent(Browser browser, String text) {
        try {
            for (WebElement button : browser.driver().findElements(By.xpath("//button[normalize-space()='" + text + "']"))) {
                button.click();
                return;
            }
        } catch (WebDriverException gone) {
            // the page changed under us: the caller waits for sign-in next
        }
    }
}
