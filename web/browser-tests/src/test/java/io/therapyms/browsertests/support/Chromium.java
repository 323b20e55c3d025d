package io.therapyms.browsertests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Debian's chromium and chromedriver (apt: chromium chromium-driver), never a downloaded browser. Their paths
 * come from -Dtms.chromium / -Dtms.chromedriver (defaults /usr/bin/...). Missing: the tests are skipped with a
 * message, or fail when -Dtms.browser.required=true (CI).
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

    /** Empty when both are there; else why the tests are skipped (or, when required, an exception). */
    static Optional<String> missing() {
        boolean present = Files.isExecutable(binary()) && Files.isExecutable(driver());
        if (present) {
            return Optional.empty();
        }
        String message = "browser-tests: no Chromium (" + binary() + ") or chromedriver (" + driver()
                + "); install them with `apt-get install chromium chromium-driver`";
        if (Boolean.getBoolean("tms.browser.required")) {
            throw new IllegalStateException(message + " (-Dtms.browser.required=true)");
        }
        System.out.println("*** " + message + " — SKIPPING the browser tests ***");
        return Optional.of(message);
    }
}
