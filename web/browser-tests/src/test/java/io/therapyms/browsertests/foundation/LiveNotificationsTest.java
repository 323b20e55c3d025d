package io.therapyms.browsertests.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;
import io.therapyms.browsertests.support.RestApi;
import io.therapyms.devstack.Apps;

/**
 * The bell and toasts from the notification WebSocket: a link request shows up without a reload, and after the
 * socket drops (messaging-service restarted) the app reconnects and the next one shows up too.
 */
@ExtendWith(BrowserStack.class)
class LiveNotificationsTest {

    /** Covers a messaging-service restart plus the reconnect backoff (at most 30 s). */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(90);

    @Test
    void theBellCountsLinkRequestsLiveAndAfterTheSocketDropped(BrowserStack.Stack stack) {
        Person therapist = Person.therapist("Kim Therapist");
        RestApi api = new RestApi(stack.baseUrl());
        try (Browser browser = stack.openBrowser("live")) {
            Journeys.signUp(browser, therapist);
            browser.heading("Today");
            assertThat(browser.byTestId("bell-count").getText()).isEqualTo("0");

            String[] t = api.loginWithId(therapist.email(), therapist.password());
            api.post(t[0], "/api/therapists", Map.of("name", therapist.name(), "expertise", List.of("anxiety"),
                    "location", "Berlin", "acceptingClients", true), 201);
            String admin = api.login(stack.adminEmail(), stack.adminPassword());
            api.post(admin, "/api/therapists/" + t[1] + "/verification", Map.of("verified", true), 204);

            requestLink(api, t[1]);
            new WebDriverWait(browser.driver(), Browser.WAIT)
                    .until(d -> browser.byTestId("bell-count").getText().equals("1"));
            assertThat(browser.byTestId("toasts").getText()).contains("New link request");
            browser.assertAccessible("today with a toast");
            browser.screenshot("toast");

            browser.byTestId("bell").click();
            assertThat(browser.byTestId("bell").getAttribute("aria-expanded")).isEqualTo("true");
            browser.assertAccessible("notification panel open");

            stack.local().restart(Apps.MESSAGING_SERVICE);
            requestLink(api, t[1]);
            new WebDriverWait(browser.driver(), AFTER_RESTART)
                    .until(d -> browser.byTestId("bell-count").getText().equals("2"));

            browser.press("Mark all as read");
            new WebDriverWait(browser.driver(), Browser.WAIT)
                    .until(d -> browser.byTestId("bell-count").getText().equals("0"));
        }
    }

    /** A new client with a profile asks the therapist for a link (→ mapping.requested to the therapist). */
    private static void requestLink(RestApi api, String therapistId) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String email = "client-" + id + "@example.com";
        String password = "pw-" + id + "-correct-horse";
        api.post(null, "/api/signup", Map.of("email", email, "password", password, "role", "client",
                "name", "Client " + id), 201);
        String token = api.login(email, password);
        api.post(token, "/api/clients", Map.of("name", "Client " + id, "timezone", "Europe/Berlin"), 201);
        api.post(token, "/api/mapping-requests", Map.of("therapistId", therapistId), 201);
    }
}
