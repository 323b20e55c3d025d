package io.therapyms.browsertests.therapist;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.therapyms.browsertests.support.Browser;

/** Small browser steps the workspace tests need beyond the shared helpers. */
final class Ui {

    private Ui() {
    }

    /**
     * Sets an input's value the way typing would for React (native setter + input event): date and time inputs
     * take keyboard input in a locale-dependent order, which would make the test depend on Chromium's locale.
     */
    static void setValue(Browser browser, WebElement input, String value) {
        browser.driver().executeScript("""
                const [el, v] = arguments;
                Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, v);
                el.dispatchEvent(new Event('input', { bubbles: true }));
                el.dispatchEvent(new Event('change', { bubbles: true }));
                """, input, value);
    }

    static void setValue(Browser browser, String label, String value) {
        setValue(browser, browser.field(label), value);
    }

    /** The button whose accessible name (aria-label) is {@code name}: rows of a table each have one. */
    static WebElement button(Browser browser, String name) {
        return new WebDriverWait(browser.driver(), Browser.WAIT).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[@aria-label=" + literal(name) + "]")));
    }

    static void waitForText(Browser browser, String testId, String text) {
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> browser.byTestId(testId).getText().contains(text));
    }

    static void waitForBodyText(Browser browser, String text) {
        new WebDriverWait(browser.driver(), Browser.WAIT)
                .until(d -> d.findElement(By.tagName("main")).getText().contains(text));
    }

    /**
     * In the client's Book page: {@code weeksAhead} times "Next week", then the first open slot. (Counting weeks
     * rather than looking week by week: the calendar shows the last week's data until the next one has loaded.)
     */
    static void clickFirstOpenSlot(Browser browser, long weeksAhead) {
        for (long week = 0; week < weeksAhead; week++) {
            browser.press("Next week");
        }
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> !d.findElements(By.cssSelector("button.slot")).isEmpty());
        browser.driver().findElements(By.cssSelector("button.slot")).get(0).click();
    }

    static String literal(String s) {
        return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
    }
}
