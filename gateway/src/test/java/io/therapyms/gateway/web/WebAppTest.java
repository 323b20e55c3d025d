package io.therapyms.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.therapyms.gateway.testing.FakeBackends;

/** The web app (module web/app, on the class path as webapp/) served at / from the API's origin. */
@QuarkusTest
@WithTestResource(FakeBackends.class)
class WebAppTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static ValidatableResponse page(String path) {
        return given().accept(HTML).when().get(path).then();
    }

    private static void assertIsTheApp(ValidatableResponse response) {
        response.statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void servesTheAppAtTheRootWithItsCspAndNoStore() {
        assertIsTheApp(page("/"));
    }

    @Test
    void servesIndexHtmlForEveryAppRoute() {
        for (String route : new String[] { "/sign-in", "/client", "/client/journal", "/therapist/clients/1234",
                "/admin/users", "/any/unknown/route" }) {
            assertIsTheApp(page(route));
        }
    }

    @Test
    void servesHashedAssetsImmutableForAYear() {
        String html = page("/").statusCode(200).extract().asString();
        Matcher entry = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        assertThat(entry.find()).as("index.html names its entry script").isTrue();
        given().when().get(entry.group(1)).then()
                .statusCode(200)
                .contentType(startsWith("text/javascript"))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff");

        Matcher css = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(html);
        assertThat(css.find()).as("index.html links its stylesheet").isTrue();
        given().when().get(css.group(1)).then().statusCode(200).contentType(startsWith("text/css"))
                .header("Cache-Control", "public, max-age=31536000, immutable");
    }

    @Test
    void anUnknownAssetOrFileIsA404NotTheApp() {
        given().when().get("/assets/nothing-here-0000.js").then().statusCode(404)
                .header("Content-Security-Policy", nullValue());
        page("/favicon-none.ico").statusCode(404).header("Content-Security-Policy", nullValue());
        page("/assets/..%2fapplication.properties").statusCode(404);
    }

    @Test
    void leavesTheApiAndTheGatewaysOwnPathsAlone() {
        page("/api/nothing-here").statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", nullValue());
        page("/api").statusCode(404).contentType(startsWith("application/problem+json"));
        page("/health").statusCode(200).contentType(not(startsWith("text/html")));
        page("/api-docs/openapi.json").statusCode(200).contentType(startsWith("application/json"));
        page("/.well-known/unknown").statusCode(not(equalTo(200)));
        page("/q/unknown").header("Content-Security-Policy", nullValue());
    }

    @Test
    void onlyBrowsersAskingForHtmlGetTheApp() {
        given().accept("application/json").when().get("/client").then().statusCode(404)
                .header("Content-Security-Policy", nullValue());
        given().accept(HTML).when().post("/client").then().statusCode(not(equalTo(200)))
                .header("Content-Security-Policy", nullValue());
    }

    @Test
    void answersHeadLikeGet() {
        given().accept(HTML).when().head("/client").then().statusCode(200)
                .header("Cache-Control", "no-store").header("Content-Security-Policy", CSP);
    }
}
