package io.therapyms.browsertests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium with its own fresh profile, on the stack's gateway. Finds things the way a person does
 * (headings, labels, button and link text), so the tests also check that those exist. Close it when done.
 */
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(360, 780);

    private final String name;
    private final String baseUrl;
    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    private Browser(String name, String baseUrl, ChromeDriver driver, Path profile) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    static Browser open(String name, String baseUrl) {
        Path profile;
        try {
            profile = Files.createTempDirectory("tms-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900",
                // calls (issue #18): a synthetic camera and microphone, granted without a prompt; remote video plays
                // without a gesture; host candidates as plain loopback addresses instead of mDNS names
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // An explicit driver executable: Selenium Manager (which would download one) never runs.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.driver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
        return new Browser(name, baseUrl, driver, profile);
    }

    /** The name it was opened with (screenshots are prefixed with it). */
    public String name() {
        return name;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Loads a path of the app (a full page load). */
    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /** Waits for the page's h1 to read {@code text}; returns it. */
    public WebElement heading(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//h1[normalize-space()=" + xpathLiteral(text) + "]")));
    }

    public void waitForPath(String path) {
        wait.until(d -> path().equals(path));
    }

    public void waitUntilPathIsNot(String path) {
        wait.until(d -> !path().equals(path));
    }

    /** The form control labelled {@code label} (its label element, not a placeholder). */
    public WebElement field(String label) {
        WebElement labelElement = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[normalize-space()=" + xpathLiteral(label) + "]")));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    public Browser fill(String label, String value) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(value);
        return this;
    }

    /** Selects the radio button or checkbox labelled {@code label}. */
    public Browser choose(String label) {
        field(label).click();
        return this;
    }

    public Browser press(String buttonText) {
        clickWhenFree(By.xpath("//button[normalize-space()=" + xpathLiteral(buttonText) + "]"));
        return this;
    }

    public Browser followLink(String linkText) {
        clickWhenFree(By.xpath("//a[normalize-space()=" + xpathLiteral(linkText) + "]"));
        return this;
    }

    /**
     * Clicks once the element is clickable and nothing lies over it: a notification toast may cover it for a
     * few seconds (toasts leave by themselves), and a person would wait too.
     */
    private void clickWhenFree(By target) {
        new WebDriverWait(driver, WAIT).ignoring(ElementClickInterceptedException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(target).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** Clicks the link if it is there right now (it may vanish, e.g. when the app signs out on its own). */
    public void followLinkIfPresent(String linkText) {
        try {
            for (WebElement link : driver.findElements(By.xpath("//a[normalize-space()=" + xpathLiteral(linkText) + "]"))) {
                link.click();
                return;
            }
        } catch (org.openqa.selenium.WebDriverException gone) {
            // the page changed under us: what the caller waits for next decides
        }
    }

    public WebElement byTestId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='" + id + "']")));
    }

    /** The error summary's entries after a failed submit. */
    public List<String> errorSummary() {
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
        List<String> items = new ArrayList<>();
        for (WebElement li : summary.findElements(By.tagName("li"))) {
            items.add(li.getText().trim());
        }
        return items;
    }

    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** A PNG of the viewport into target/screenshots/{browser}-{name}.png. */
    public Path screenshot(String shot) {
        Path dir = Path.of(System.getProperty("browser-tests.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + shot + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core on the current page; see {@link Axe}. */
    public void assertAccessible(String page) {
        Axe.assertNoSeriousViolations(driver, page);
    }

    /** Inspects storage, cookies readable by script and the URL; see {@link StorageInspection}. */
    public StorageInspection storage() {
        return StorageInspection.of(driver);
    }

    /** Console messages so far (e.g. CSP violations), drained. */
    public List<String> consoleMessages() {
        List<String> messages = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            messages.add(entry.getLevel() + " " + entry.getMessage());
        }
        return messages;
    }

    static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder: the OS cleans up what is left
        }
    }
}
