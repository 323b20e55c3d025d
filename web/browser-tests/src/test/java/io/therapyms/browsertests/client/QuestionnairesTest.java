package io.therapyms.browsertests.client;

import static io.therapyms.browsertests.client.ClientFixtures.waitForText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import io.restassured.path.json.JsonPath;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;

/**
 * Issue #22, measures: a client fills in the PHQ-9 on /client/questionnaires (fieldset and radio per question),
 * with item 9 above 0: score, severity and the crisis text, the result in the history. The therapist holding a
 * journal grant gets the ids-only measure-safety-flag notification and sees the score on the client's page; a
 * linked therapist without a grant gets neither (the "no grant" state). axe at desktop and 360 px; storage clean.
 */
@ExtendWith(BrowserStack.class)
class QuestionnairesTest {

    /** PHQ-9 answers 1,2,1,0,3,1,2,1,1 → 12 "Moderate"; item 9 = "Several days". */
    private static final String[] ANSWERS = { "Several days", "More than half the days", "Several days", "Not at all",
            "Nearly every day", "Several days", "More than half the days", "Several days", "Several days" };

    @Test
    void aClientFillsInThePhq9AndTheGrantedTherapistSeesIt(BrowserStack.Stack stack) {
        ClientFixtures api = new ClientFixtures(stack.baseUrl());
        Person granted = Person.therapist("Ada Granted");
        Person notGranted = Person.therapist("Ned Ungranted");
        String grantedId = therapist(api, stack, granted);
        String notGrantedId = therapist(api, stack, notGranted);
        Person client = Person.client("Quinn Client");

        try (Browser browser = stack.openBrowser("questionnaires-client")) {
            Journeys.signUp(browser, client);
            JsonPath login = api.send(null, "POST", "/api/login", Map.of("email", client.email(), "password", client.password()), 200);
            String token = login.getString("accessToken");
            String clientId = login.getString("userId");
            api.send(token, "POST", "/api/clients", Map.of("name", client.name(), "timezone", "Europe/Berlin"), 201);
            for (Person t : List.of(granted, notGranted)) {
                String mapping = api.send(api.clientToken(t.email(), t.password()), "POST", "/api/mapping-requests",
                        Map.of("clientId", clientId), 201).getString("mappingRequestId");
                api.send(token, "PUT", "/api/mapping-requests/" + mapping, Map.of("status", "approved"), 200);
            }
            String grantedToken = api.clientToken(granted.email(), granted.password());
            // journal-service learns the link from therapists.events: retry until it knows
            await().atMost(Duration.ofSeconds(90)).until(() -> requestAccess(stack.baseUrl(), grantedToken, clientId));
            String request = api.send(grantedToken, "GET", "/api/journal-access-requests?status=pending", null, 200)
                    .getString("items[0].journalAccessRequestId");
            api.send(token, "PUT", "/api/journal-access-requests/" + request, Map.of("status", "approved"), 200);

            browser.followLink("Questionnaires");
            browser.heading("Questionnaires");
            browser.byTestId("no-measures");
            browser.assertAccessible("questionnaires, none yet");

            browser.press("PHQ-9 (mood)");
            browser.byTestId("form-PHQ-9");
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid='form-PHQ-9'] fieldset fieldset"))).hasSize(9);
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid='form-PHQ-9'] legend")).getText())
                    .isEqualTo("Over the last 2 weeks, how often have you been bothered by any of the following problems?");
            browser.press("See my result");
            assertThat(browser.errorSummary()).hasSize(9).contains("Answer question 1", "Answer question 9");
            browser.assertAccessible("phq-9 with errors");
            for (int i = 0; i < ANSWERS.length; i++) {
                answer(browser, i + 1, ANSWERS[i]);
            }
            browser.screenshot("phq9-filled");
            browser.press("See my result");

            waitForText(browser, "crisis-resources", "emergency");
            waitForText(browser, "measure-score", "12");
            assertThat(browser.byTestId("measure-severity").getText()).isEqualTo("Moderate");
            waitForText(browser, "measure-history", "12 of 27");
            assertThat(browser.byTestId("measure-history").getText()).contains("PHQ-9", "Moderate", "follow-up");
            browser.assertAccessible("phq-9 result with crisis text");
            browser.screenshot("phq9-result-desktop");
            browser.resize(Browser.PHONE);
            assertNoHorizontalScroll(browser, "/client/questionnaires");
            browser.assertAccessible("phq-9 result at 360 px");
            browser.screenshot("phq9-result-phone");
            browser.resize(Browser.DESKTOP);

            JsonPath stored = api.send(token, "GET", "/api/journals/" + clientId + "/measures", null, 200);
            assertThat(stored.getList("items")).hasSize(1);
            assertThat(stored.getInt("items[0].score")).isEqualTo(12);
            assertThat(stored.getBoolean("items[0].safetyFollowUp")).isTrue();
            String measureId = stored.getString("items[0].measureId");

            // the flag's notification: ids only, to the grant holder; the other linked therapist gets none
            await().atMost(Duration.ofSeconds(90)).until(() -> notifications(api, grantedToken).getList("items.subjectId").contains(measureId));
            JsonPath mine = notifications(api, grantedToken);
            int at = mine.getList("items.subjectId").indexOf(measureId);
            assertThat(mine.getString("items[" + at + "].type")).isEqualTo("measure-safety-flag");
            assertThat(mine.getString("items[" + at + "].actorId")).isEqualTo(clientId);
            assertThat(notifications(api, api.clientToken(notGranted.email(), notGranted.password())).getList("items.type"))
                    .doesNotContain("measure-safety-flag");
            browser.storage().assertClean(client.password(), "Thoughts that you would be better off dead");

            try (Browser therapist = stack.openBrowser("questionnaires-therapist")) {
                Journeys.signIn(therapist, granted);
                therapist.go("/therapist/clients/" + clientId);
                therapist.heading(client.name());
                waitForText(therapist, "client-measures", "12 of 27");
                assertThat(therapist.byTestId("client-measures").getText()).contains("PHQ-9", "Moderate");
                therapist.assertAccessible("client page with measures");
                therapist.screenshot("client-measures-desktop");
                therapist.resize(Browser.PHONE);
                assertNoHorizontalScroll(therapist, "/therapist/clients/…");
                therapist.assertAccessible("client page with measures at 360 px");
                therapist.screenshot("client-measures-phone");
                therapist.storage().assertClean(granted.password());
            }
            // the therapist's read is in the client's access log as "measures"
            assertThat(api.send(token, "GET", "/api/journals/" + clientId + "/access-log", null, 200)
                    .getList("items.action")).contains("measures");

            try (Browser other = stack.openBrowser("questionnaires-other")) {
                Journeys.signIn(other, notGranted);
                other.go("/therapist/clients/" + clientId);
                other.heading(client.name());
                waitForText(other, "measures-no-grant", "only while they share their journal");
                assertThat(other.driver().findElements(By.cssSelector("[data-testid='client-measures']"))).isEmpty();
                other.assertAccessible("client page without a grant");
                other.screenshot("client-measures-no-grant");
            }
            assertThat(grantedId).isNotEqualTo(notGrantedId);
        }
    }

    /** Picks {@code label} in question {@code n}'s own radio group (every group has the same four labels). */
    private static void answer(Browser browser, int n, String label) {
        browser.driver().findElement(By.xpath("//fieldset[legend[starts-with(normalize-space(), '" + n + ". ')]]"
                + "//label[normalize-space()='" + label + "']")).click();
    }

    private static void assertNoHorizontalScroll(Browser browser, String page) {
        long width = (Long) browser.driver().executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) browser.driver().executeScript("return document.documentElement.clientWidth;");
        assertThat(width).as("%s scroll width", page).isLessThanOrEqualTo(viewport);
    }

    private static JsonPath notifications(ClientFixtures api, String token) {
        return api.send(token, "GET", "/api/notifications?limit=100", null, 200);
    }

    /** The therapist asks to read the journal; false while journal-service does not know the link yet (404). */
    private static boolean requestAccess(String baseUrl, String therapistToken, String clientId) {
        int status = io.restassured.RestAssured.given().baseUri(baseUrl).contentType("application/json")
                .auth().oauth2(therapistToken).body(Map.of("clientId", clientId, "reason", "care"))
                .post("/api/journal-access-requests").statusCode();
        return status == 201;
    }

    /** A verified therapist with a directory entry, signed up over REST; returns the id. */
    private static String therapist(ClientFixtures api, BrowserStack.Stack stack, Person t) {
        api.send(null, "POST", "/api/signup", Map.of("email", t.email(), "password", t.password(), "role", "therapist",
                "name", t.name()), 201);
        JsonPath login = api.send(null, "POST", "/api/login", Map.of("email", t.email(), "password", t.password()), 200);
        String token = login.getString("accessToken");
        String id = login.getString("userId");
        api.send(token, "POST", "/api/therapists", Map.of("name", t.name(), "expertise", List.of("anxiety"),
                "location", "Berlin", "acceptingClients", true), 201);
        String admin = api.send(null, "POST", "/api/login", Map.of("email", stack.adminEmail(), "password",
                stack.adminPassword()), 200).getString("accessToken");
        api.send(admin, "POST", "/api/therapists/" + id + "/verification", Map.of("verified", true), 204);
        return id;
    }
}
