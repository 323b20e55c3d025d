package io.therapyms.browsertests.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;
import io.therapyms.browsertests.support.RestApi;

/** A session that dies on the server (password changed elsewhere) lands on sign-in with a clear word. */
@ExtendWith(BrowserStack.class)
class SessionEndTest {

    @Test
    void aRevokedSessionGoesToSignInWithAMessageAndBackAfterSigningIn(BrowserStack.Stack stack) {
        Person therapist = Person.therapist("Sam Therapist");
        try (Browser browser = stack.openBrowser("session-end")) {
            Journeys.signUp(browser, therapist);
            browser.heading("Today");
            browser.assertAccessible("therapist today");

            RestApi api = new RestApi(stack.baseUrl());
            String newPassword = therapist.password() + "-changed";
            api.changePassword(api.login(therapist.email(), therapist.password()), therapist.password(), newPassword);

            // The next call the page makes is refused, the refresh too: the session is over. (The notification
            // socket may notice first, when the gateway closes it for the revoked token.)
            browser.followLinkIfPresent("Account");
            browser.heading("Sign in");
            assertThat(browser.byTestId("session-notice").getText())
                    .isEqualTo("Your session has ended. Please sign in again.");
            browser.assertAccessible("sign in after the session ended");
            browser.screenshot("session-ended");

            Journeys.signIn(browser, new Person(therapist.name(), therapist.email(), newPassword, "therapist"));
            browser.heading("Your account");
            browser.storage().assertClean(therapist.password(), newPassword);
        }
    }
}
