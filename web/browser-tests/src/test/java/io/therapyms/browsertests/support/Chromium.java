package io.therapyms.browsertests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Debian's chromium and chromedriver (apt: chromium chromium-driver), never a downloaded browser. Their paths
 * come from -Dtms.chromium / -Dtms.chromedriver (defaults /usr/bin/...). Missing: the tests are skipped with a
 * message, or fail when they are required (see required()).
 */
public final class Chromium {

    private Chromium() {
    }

    public static Path binary() {
        return Path.of(System.getProperty("tms.chromium", "/usr/bin/chromium"));
    }

    public static Path driver() {
        return Path.of(System.getProperty("tms.chromedriver", "/usr/bin/chromedriver"));
    }

    /**
     * {@code -Dtms.browser.required=true} with {@code -pl web/browser-tests}, or {@code TMS_BROWSER_REQUIRED=true} in
     * a whole build: there a {@code tms.*} system property would reach every module's {@code @QuarkusTest}, whose
     * config validation refuses unknown {@code tms.*} keys (SRCFG00050), so CI uses the environment variable.
     */
    static boolean required() {
        return Boolean.getBoolean("tms.browser.required") || "true".equalsIgnoreCase(System.getenv("TMS_BROWSER_REQUIRED"));
    }

    /** Empty when both are there; else why the tests are skipped (or, when required, an exception). */
    static Optional<String> missing() {
        boolean present = Files.isExecutable(binary()) && Files.isExecutable(driver());
        if (present) {
            return Optional.empty();
        }
        String message = "browser-tests: no Chromium (" + binary() + ") or chromedriver (" + driver()
                + "); install them with `apt-get install chromium chromium-driver`";
        if (required()) {
            throw new IllegalStateException(message + " (the browser tests are required here)");
        }
        System.out.println("*** " + message + " — SKIPPING the browser tests ***");
        return Optional.of(message);
    }
}
