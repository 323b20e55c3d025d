package io.therapyms.browsertests.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * The foundation of issue #16 end to end in Chromium, through the gateway: sign up, the area's home, who am I,
 * sign out, sign in, change password; axe on every page visited; nothing in browser storage; no CSP violation.
 */
@ExtendWith(BrowserStack.class)
class FoundationJourneyTest {

    @Test
    void signUpSeeWhoIAmSignOutAndBackIn(BrowserStack.Stack stack) {
        Person client = Person.client("Robin Client");
        try (Browser browser = stack.openBrowser("foundation")) {
            browser.go("/");
            browser.heading("Sign in");
            assertThat(browser.path()).isEqualTo("/sign-in");
            browser.assertAccessible("sign in");
            browser.screenshot("sign-in");

            browser.followLink("Create an account");
            browser.heading("Create an account");
            browser.assertAccessible("sign up");

            // Nothing filled in: the error summary names every field, and the page stays accessible.
            browser.press("Create account");
            assertThat(browser.errorSummary()).contains("Choose whether you are a client or a therapist",
                    "Enter your name", "Enter your email address", "Enter a password of at least 12 characters");
            browser.assertAccessible("sign up with errors");
            browser.screenshot("sign-up-errors");

            // An error only the API knows (a common password) comes back next to the field.
            browser.choose("A client");
            browser.fill("Your name", client.name());
            browser.fill("Email address", client.email());
            browser.fill("Password", "password1234");
            browser.press("Create account");
            assertThat(browser.errorSummary()).isNotEmpty();
            assertThat(browser.field("Password").getAttribute("aria-invalid")).isEqualTo("true");

            Journeys.signUp(browser, client);
            browser.heading("Home");
            browser.assertAccessible("client home");
            assertThat(browser.byTestId("bell-count").getText()).isEqualTo("0");
            browser.screenshot("client-home");

            browser.followLink("Account");
            browser.heading("Your account");
            assertThat(browser.byTestId("me-email").getText()).isEqualTo(client.email());
            assertThat(browser.byTestId("me-name").getText()).isEqualTo(client.name());
            assertThat(browser.byTestId("me-role").getText()).isEqualTo("Client");
            browser.assertAccessible("who am I");

            browser.resize(Browser.PHONE);
            browser.assertAccessible("who am I at 360 px");
            browser.screenshot("who-am-i-360");
            browser.resize(Browser.DESKTOP);

            browser.storage().assertClean(client.password());

            Journeys.signOut(browser);
            assertThat(browser.path()).isEqualTo("/sign-in");
            assertThat(browser.byTestId("session-notice").getText()).contains("signed out");
            assertThat(browser.storage().httpOnlyCookieNames()).doesNotContain("tms_refresh");
            browser.assertAccessible("sign in after sign out");

            // A protected page while signed out goes to sign-in, and back there after signing in.
            browser.go("/account");
            browser.heading("Sign in");
            Journeys.signIn(browser, client);
            browser.heading("Your account");
            assertThat(browser.path()).isEqualTo("/account");

            // In-app navigation from here on: a reload needs the refresh cookie (API.md "Browser sessions").
            String newPassword = client.password() + "-new";
            browser.followLink("Change your password");
            browser.heading("Change your password");
            browser.assertAccessible("change password");
            browser.fill("Current password", "wrong-" + client.password());
            browser.fill("New password", newPassword);
            browser.fill("New password again", newPassword);
            browser.press("Change password");
            assertThat(browser.errorSummary()).contains("Your current password is not right");
            browser.fill("Current password", client.password());
            browser.fill("New password", newPassword);
            browser.fill("New password again", newPassword);
            browser.press("Change password");
            browser.byTestId("password-changed");
            // Still signed in with the fresh access token the change leaves us.
            browser.followLink("Account");
            assertThat(browser.byTestId("me-email").getText()).isEqualTo(client.email());

            browser.storage().assertClean(client.password(), newPassword);
            Journeys.signOut(browser);

            assertThat(browser.consoleMessages()).as("console: no CSP violation")
                    .noneMatch(m -> m.contains("Content Security Policy"));
        }
    }
}
