package io.therapyms.browsertests.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * A sign-in refused because auth-service's hashing queue is full (503 problem+json with Retry-After, issue #19) is a
 * busy server, not a lost one: the form says what the server said and no offline banner appears; the next try works.
 * <p>
 * Filling that queue from a browser test would take dozens of logins racing one click, so the page's own
 * {@code fetch} answers the first {@code POST /api/login} with the server's exact refusal (auth-service's
 * {@code HashingPool} and {@code LoginFloodTest} cover the refusal itself); every other request goes to the real stack.
 * The wrapper lives in the page, so it lasts until a full page load: the app navigates without one.
 */
@ExtendWith(BrowserStack.class)
class BusySignInTest {

    /** What auth-service answers while its hashing queue is full. */
    private static final String BUSY_DETAIL = "Too many sign-ins are being checked right now. Try again shortly.";

    private static final String REFUSE_FIRST_LOGIN = """
            const realFetch = window.fetch;
            window.__busyRefusals = 0;
            window.fetch = function (input, init) {
              const url = typeof input === 'string' ? input : input.url;
              if (window.__busyRefusals === 0 && url.endsWith('/api/login') && init && init.method === 'POST') {
                window.__busyRefusals++;
                return Promise.resolve(new Response(JSON.stringify({
                  type: 'https://therapyms.io/problems/service-unavailable', title: 'Service unavailable',
                  status: 503, detail: '%s' }),
                  { status: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '2' } }));
              }
              return realFetch.apply(this, arguments);
            };
            """.formatted(BUSY_DETAIL);

    @Test
    void aBusySignInSaysSoWithoutTheOfflineBannerAndTheNextTryWorks(BrowserStack.Stack stack) {
        Person client = Person.client("Busy Sign-in Client");
        try (Browser browser = stack.openBrowser("busy-sign-in")) {
            Journeys.signUp(browser, client);
            Journeys.signOut(browser);

            browser.driver().executeScript(REFUSE_FIRST_LOGIN);
            browser.fill("Email address", client.email());
            browser.fill("Password", client.password());
            browser.press("Sign in");

            assertThat(browser.errorSummary()).containsExactly(BUSY_DETAIL);
            // keyboard and screen-reader users land on the message, as after any failed submit
            assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).contains("error-summary");
            assertThat(browser.driver().executeScript("return window.__busyRefusals")).isEqualTo(1L);
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid='connection-banner']")))
                    .as("the offline banner").isEmpty();
            assertThat(browser.path()).startsWith("/sign-in");
            // "You have signed out." from before would sit above this attempt's outcome: it goes on submit
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid='session-notice']")))
                    .as("the earlier sign-out notice").isEmpty();
            browser.assertAccessible("sign in refused as busy");
            browser.screenshot("sign-in-busy");
            browser.resize(Browser.PHONE);
            browser.screenshot("sign-in-busy-phone");
            browser.resize(Browser.DESKTOP);

            // The values stay in the form: trying again is one click.
            browser.press("Sign in");
            browser.waitForPath(Journeys.homeOf("client"));
        }
    }

    /**
     * The sign-in that follows a sign-up is refused as busy: the account exists, so the sign-in page takes over and
     * says why the person is there (it used to appear with no word about the new account).
     */
    @Test
    void aBusySignInRightAfterSignUpSendsToSignInWithANote(BrowserStack.Stack stack) {
        Person client = Person.client("Busy After Sign-up Client");
        try (Browser browser = stack.openBrowser("busy-after-sign-up")) {
            browser.go("/sign-up");
            browser.heading("Create an account");
            browser.driver().executeScript(REFUSE_FIRST_LOGIN);
            Journeys.sendSignUpForm(browser, client);

            browser.waitForPath("/sign-in");
            browser.heading("Sign in");
            assertThat(browser.byTestId("session-notice").getText())
                    .isEqualTo("Your account was created, but we could not sign you in just now. Please sign in.");
            assertThat(browser.driver().executeScript("return window.__busyRefusals")).isEqualTo(1L);
            browser.assertAccessible("sign-in after a busy refusal of the automatic sign-in");
            // the new account's email is filled in (from memory, not storage or the URL): only the password is left
            assertThat(browser.field("Email address").getAttribute("value")).isEqualTo(client.email());
            assertThat(browser.path()).isEqualTo("/sign-in");
            browser.screenshot("sign-up-then-busy");

            browser.fill("Password", client.password());
            browser.press("Sign in");
            browser.waitForPath(Journeys.homeOf("client"));
            browser.storage().assertClean(client.password());
        }
    }
}
