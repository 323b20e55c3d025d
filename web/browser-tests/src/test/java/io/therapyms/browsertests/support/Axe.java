package io.therapyms.browsertests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * axe-core (npm, from web/app's node_modules — never a CDN) run in the page through WebDriver, which is not
 * subject to the page's CSP. WCAG 2.0/2.1/2.2 A and AA rules; any serious or critical violation fails.
 */
public final class Axe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String source;

    private Axe() {
    }

    static void assertNoSeriousViolations(WebDriver driver, String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(source());
        }
        Object raw = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.axe.run(document, {
                  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                  resultTypes: ['violations']
                }).then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({ error: String(e) })));
                """);
        List<String> serious = new ArrayList<>();
        try {
            JsonNode violations = JSON.readTree(String.valueOf(raw));
            if (violations.has("error")) {
                throw new AssertionError("axe failed on " + page + ": " + violations.get("error").asText());
            }
            for (JsonNode v : violations) {
                String impact = v.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    StringBuilder line = new StringBuilder(impact + " " + v.path("id").asText() + ": "
                            + v.path("help").asText());
                    for (JsonNode node : v.path("nodes")) {
                        line.append("\n    at ").append(node.path("target").toString());
                    }
                    serious.add(line.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(serious).as("axe: serious or critical violations on " + page).isEmpty();
    }

    private static String source() {
        if (source == null) {
            Path file = Path.of(System.getProperty("browser-tests.axe", "../app/node_modules/axe-core/axe.min.js"));
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core not found at " + file.toAbsolutePath()
                        + " (built by web/app's npm ci)", e);
            }
        }
        return source;
    }
}
