package io.therapyms.browsertests.client;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;

/** The other party of a client's journey, arranged through the REST API: a verified therapist who offers slots and answers. */
final class ClientFixtures {

    private final String baseUrl;

    ClientFixtures(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Therapist(String id, String name, String token) {
    }

    /** A verified therapist with a directory entry (the admin of the test stack verifies it). */
    Therapist verifiedTherapist(BrowserStack.Stack stack, String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "therapist-" + suffix + "@example.com";
        String password = "pw-" + suffix + "-correct-horse";
        send(null, "POST", "/api/signup", Map.of("email", email, "password", password, "role", "therapist", "name", name), 201);
        JsonPath login = send(null, "POST", "/api/login", Map.of("email", email, "password", password), 200);
        String token = login.getString("accessToken");
        String id = login.getString("userId");
        send(token, "POST", "/api/therapists", Map.of("name", name, "expertise", List.of("anxiety"), "location", "Berlin",
                "acceptingClients", true), 201);
        String admin = send(null, "POST", "/api/login", Map.of("email", stack.adminEmail(), "password", stack.adminPassword()), 200)
                .getString("accessToken");
        send(admin, "POST", "/api/therapists/" + id + "/verification", Map.of("verified", true), 204);
        return new Therapist(id, name, token);
    }

    /** One open slot of an hour, starting on the next full hour at least {@code hoursAhead} from now. */
    String offerSlot(Therapist t, int hoursAhead) {
        Instant start = Instant.now().plus(hoursAhead, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        JsonPath res = send(t.token(), "POST", "/api/session-slots/" + t.id(), Map.of("slots",
                List.of(Map.of("startTime", start.toString(), "endTime", start.plus(1, ChronoUnit.HOURS).toString()))), 201);
        return res.getString("items[0].slotId");
    }

    /** Approves every pending request of {@code path} whose {@code idField} names it, as the therapist. */
    void approvePending(Therapist t, String listPath, String idField, String putPrefix) {
        List<String> ids = send(t.token(), "GET", listPath + "?status=pending", null, 200).getList("items." + idField);
        for (String id : ids) {
            send(t.token(), "PUT", putPrefix + id, Map.of("status", "approved"), 200);
        }
    }

    JsonPath send(String token, String method, String path, Object body, int expected) {
        RequestSpecification spec = given().baseUri(baseUrl).contentType(ContentType.JSON);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (body != null) {
            spec = spec.body(body);
        }
        String text = spec.when().request(method, path).then().statusCode(expected).extract().asString();
        return new JsonPath(text.isEmpty() ? "{}" : text);
    }

    int status(String method, String path, Object body) {
        return given().baseUri(baseUrl).contentType(ContentType.JSON).body(body).when().request(method, path).then().extract().statusCode();
    }

    String clientToken(String email, String password) {
        return send(null, "POST", "/api/login", Map.of("email", email, "password", password), 200).getString("accessToken");
    }

    record LinkedClient(String id, String token, Therapist therapist) {
    }

    /**
     * A client signed up in the browser (lands on home), with a profile in {@code zone} and linked with a fresh
     * verified therapist who offers a slot; all arranged through the REST API.
     */
    LinkedClient linkedClient(BrowserStack.Stack stack, Browser browser, io.therapyms.browsertests.support.Journeys.Person client, String zone) {
        Therapist t = verifiedTherapist(stack, "Jo Rivera " + UUID.randomUUID().toString().substring(0, 4));
        io.therapyms.browsertests.support.Journeys.signUp(browser, client);
        JsonPath login = send(null, "POST", "/api/login", Map.of("email", client.email(), "password", client.password()), 200);
        String token = login.getString("accessToken");
        String id = login.getString("userId");
        send(token, "POST", "/api/clients", Map.of("name", client.name(), "timezone", zone), 201);
        String requestId = send(t.token(), "POST", "/api/mapping-requests", Map.of("clientId", id), 201).getString("mappingRequestId");
        send(token, "PUT", "/api/mapping-requests/" + requestId, Map.of("status", "approved"), 200);
        return new LinkedClient(id, token, t);
    }

    static void waitUntil(Browser browser, Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver(), Browser.WAIT).ignoring(RuntimeException.class).until(d -> condition.get());
    }

    /** Waits until the element with the test id contains the text. */
    static WebElement waitForText(Browser browser, String testId, String text) {
        waitUntil(browser, () -> browser.driver().findElement(By.cssSelector("[data-testid='" + testId + "']")).getText().contains(text));
        return browser.byTestId(testId);
    }

    static void waitForButton(Browser browser, String text) {
        waitUntil(browser, () -> !browser.driver().findElements(By.xpath("//button[normalize-space()='" + text + "']")).isEmpty());
    }
}
