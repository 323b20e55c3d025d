package io.therapyms.browsertests.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Issue #23: a passkey registered on /account/security with Chromium's virtual authenticator (a platform
 * authenticator: CTAP2, internal transport, resident keys, user verification), then a usernameless sign-in
 * with it. The browser opens the stack as http://localhost:<port>: a passkey's RP id is a domain.
 */
@ExtendWith(BrowserStack.class)
class PasskeySignInTest {

    @Test
    void registerAPasskeyOnThePageThenSignInWithIt(BrowserStack.Stack stack) {
        Person therapist = Person.therapist("Pat Passkey");
        try (Browser browser = stack.openBrowserOnLocalhost("passkey")) {
            VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser.driver())
                    .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                            .setHasResidentKey(true)
                            .setHasUserVerification(true)
                            .setIsUserVerified(true)
                            .setIsUserConsenting(true));
            Journeys.signUp(browser, therapist);
            browser.followLink("Settings");
            browser.followLink("Sign-in security: authenticator app and passkeys");
            browser.heading("Sign-in security");
            browser.byTestId("passkeys-none");

            browser.fill("Name of the new passkey", "Test laptop");
            browser.press("Add a passkey");
            assertThat(browser.byTestId("passkey-added").getText()).contains("Test laptop");
            assertThat(browser.byTestId("passkey-list").getText()).contains("Test laptop").contains("not used yet");
            assertThat(authenticator.getCredentials()).hasSize(1);
            assertThat(authenticator.getCredentials().get(0).isResidentCredential()).isTrue();
            browser.assertAccessible("sign-in security with a passkey");
            browser.screenshot("passkey-added");
            browser.resize(Browser.PHONE);
            browser.assertAccessible("sign-in security with a passkey, 360 px");
            browser.screenshot("passkey-added-phone");
            browser.resize(Browser.DESKTOP);

            Journeys.signOut(browser);
            browser.assertAccessible("sign in with the passkey button");
            browser.press("Sign in with a passkey");
            browser.waitForPath("/therapist");
            browser.go("/account/security");
            browser.heading("Sign-in security");
            assertThat(browser.byTestId("passkey-list").getText()).contains("last used");
            browser.storage().assertClean(therapist.password());

            // a removed passkey: the browser still offers it, the service refuses it
            browser.press("Remove Test laptop");
            browser.press("Remove passkey");
            browser.byTestId("passkeys-none");
            Journeys.signOut(browser);
            browser.press("Sign in with a passkey");
            assertThat(browser.errorSummary()).singleElement().asString().startsWith("That passkey was not accepted");
            browser.assertAccessible("sign in, passkey refused");
        }
    }
}
