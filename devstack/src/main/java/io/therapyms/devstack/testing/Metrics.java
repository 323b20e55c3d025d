package io.therapyms.devstack.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Reads one sample from the application's Prometheus text at {@code /q/metrics} (REST Assured's base URI and port),
 * so a test asserts on what a scraper would see rather than on the registry in memory.
 */
public final class Metrics {

    private Metrics() {
    }

    /** The whole scrape, as text. */
    public static String scrape() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /**
     * The value of the first sample named {@code name} that carries every one of {@code labels} ({@code key=value}
     * pairs, matched against {@code key="value"}); empty when there is none.
     */
    public static OptionalDouble value(String name, String... labels) {
        return valueIn(scrape(), name, labels);
    }

    /** The same over a scrape already taken. */
    public static OptionalDouble valueIn(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.contains(quoted(label))))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** The value as {@link #value(String, String...)}, or 0 when the sample does not exist (yet). */
    public static double valueOrZero(String name, String... labels) {
        return value(name, labels).orElse(0);
    }

    private static String quoted(String label) {
        int eq = label.indexOf('=');
        return label.substring(0, eq) + "=\"" + label.substring(eq + 1) + "\"";
    }
}
