package io.therapyms.browsertests.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Issue #23: an authenticator app set up on /account/security (the key read from the page's "can't scan"
 * text, codes computed here as a phone would), then a sign-in through the second step.
 */
@ExtendWith(BrowserStack.class)
class TotpSignInTest {

    @Test
    void enrolThroughThePageThenSignInWithACode(BrowserStack.Stack stack) {
        Person client = Person.client("Toni Totp");
        try (Browser browser = stack.openBrowser("totp")) {
            Journeys.signUp(browser, client);
            browser.followLink("Settings");
            browser.followLink("Sign-in security: authenticator app and passkeys");
            browser.heading("Sign-in security");
            browser.assertAccessible("sign-in security, nothing set up");

            browser.press("Set up an authenticator app");
            browser.byTestId("totp-qr");
            TotpCodes phone = new TotpCodes(browser.byTestId("totp-secret").getText());
            browser.assertAccessible("sign-in security, scan the QR code");
            browser.screenshot("scan");
            browser.resize(Browser.PHONE);
            browser.assertAccessible("sign-in security, scan the QR code, 360 px");
            browser.screenshot("scan-phone");
            assertNoHorizontalScroll(browser);
            browser.resize(Browser.DESKTOP);

            browser.fill("Code from the app", "12345");
            browser.press("Turn on");
            assertThat(browser.errorSummary()).containsExactly("Enter the six-digit code the app shows");
            long confirmed = TotpCodes.step(Instant.now());
            browser.fill("Code from the app", phone.code(confirmed));
            browser.press("Turn on");

            List<WebElement> codes = browser.byTestId("recovery-codes").findElements(By.tagName("li"));
            assertThat(codes).hasSize(10);
            assertThat(codes.get(0).getText()).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
            browser.assertAccessible("recovery codes");
            browser.screenshot("recovery-codes");
            browser.press("Done");
            assertThat(browser.errorSummary()).containsExactly("Confirm that you have saved the codes");
            browser.choose("I have saved my recovery codes");
            browser.press("Done");
            browser.byTestId("totp-enabled");
            browser.assertAccessible("sign-in security, app on");

            Journeys.signOut(browser);
            browser.fill("Email address", client.email());
            browser.fill("Password", client.password());
            browser.press("Sign in");
            browser.heading("Enter your second factor");
            browser.assertAccessible("second step");
            browser.resize(Browser.PHONE);
            browser.assertAccessible("second step, 360 px");
            browser.screenshot("second-step-phone");
            browser.resize(Browser.DESKTOP);

            browser.fill("Six-digit code", phone.code(confirmed - 5)); // long gone
            browser.press("Continue");
            assertThat(browser.errorSummary()).singleElement().asString().startsWith("That code is not right");
            browser.assertAccessible("second step, wrong code");
            // the step after the one used to confirm: the service allows one step of drift, so it is good now
            long next = Math.max(TotpCodes.step(Instant.now()), confirmed + 1);
            browser.fill("Six-digit code", phone.code(next));
            browser.press("Continue");
            browser.waitForPath("/client");
            browser.storage().assertClean(client.password(), phone.code(next));
        }
    }

    private static void assertNoHorizontalScroll(Browser browser) {
        Object overflow = browser.driver().executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertThat(overflow).isEqualTo(false);
    }
}
