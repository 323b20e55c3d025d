package io.therapyms.browsertests.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.therapyms.browsertests.support.Browser;
import io.therapyms.browsertests.support.BrowserStack;
import io.therapyms.browsertests.support.Journeys;
import io.therapyms.browsertests.support.Journeys.Person;
import io.therapyms.browsertests.support.RestApi;

/**
 * Issue #18: a client and a therapist, each in their own Chromium with fake camera and microphone, join the call of
 * their session through the gateway and see each other: both RTCPeerConnections reach "connected" and each one's
 * getStats() shows inbound video frames decoded, more and more. Then the same forced through the local coturn
 * (iceTransportPolicy "relay"), which proves the TURN path and the time-limited credentials.
 */
@ExtendWith(BrowserStack.class)
class VideoCallTest {

    private static final Duration CONNECT = Duration.ofSeconds(60);

    /** Sums framesDecoded of the inbound video of the page's call; -1 without a connection. */
    private static final String FRAMES_DECODED = """
            const done = arguments[arguments.length - 1];
            const call = window.tmsCall;
            const pc = call && call.peerConnection();
            if (!pc) { done(-1); return; }
            pc.getStats().then(stats => {
              let frames = 0;
              stats.forEach(s => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
              done(frames);
            }, () => done(-1));
            """;

    /** kind → enabled of the tracks the page's RTCPeerConnection sends. */
    private static final String SENT_TRACKS_ENABLED = """
            const pc = window.tmsCall && window.tmsCall.peerConnection();
            const sent = {};
            if (pc) pc.getSenders().forEach(s => { if (s.track) sent[s.track.kind] = s.track.enabled; });
            return sent;
            """;

    /** The page's RTCPeerConnection is connected and is not one tagged by {@link #markPeerConnections}. */
    private static final String CONNECTED_ANEW = """
            const pc = window.tmsCall && window.tmsCall.peerConnection();
            return !!pc && !pc.tmsBefore && pc.connectionState === 'connected';
            """;

    private static final String CALL_STATE = """
            const pc = window.tmsCall && window.tmsCall.peerConnection();
            const text = (id) => { const e = document.querySelector('[data-testid="' + id + '"]'); return e && e.textContent; };
            return JSON.stringify({ status: text('call-status'), shown: text('connection-state'),
                pc: pc && { connection: pc.connectionState, ice: pc.iceConnectionState, signaling: pc.signalingState,
                            before: !!pc.tmsBefore },
                steps: window.tmsCall ? window.tmsCall.trace() : [] });
            """;

    /** The candidate type of the local side of the selected pair ("host", "srflx", "relay"), or "". */
    private static final String SELECTED_LOCAL_TYPE = """
            const done = arguments[arguments.length - 1];
            const pc = window.tmsCall && window.tmsCall.peerConnection();
            if (!pc) { done(''); return; }
            pc.getStats().then(stats => {
              let type = '';
              stats.forEach(s => {
                if (s.type === 'transport' && s.selectedCandidatePairId) {
                  const pair = stats.get(s.selectedCandidatePairId);
                  const local = pair && stats.get(pair.localCandidateId);
                  if (local) type = local.candidateType;
                }
              });
              done(type);
            }, () => done(''));
            """;

    @Test
    void clientAndTherapistSeeEachOther(BrowserStack.Stack stack) {
        Pair pair = bookedPair(stack);
        try (Browser client = stack.openBrowser("call-client"); Browser therapist = stack.openBrowser("call-therapist")) {
            Journeys.signIn(client, pair.client());
            Journeys.signIn(therapist, pair.therapist());
            // the client joins from the sessions page, the therapist second, by the call's address
            client.go("/client/sessions");
            client.followLink("Join call");
            client.heading("Video call");
            new WebDriverWait(client.driver(), Browser.WAIT)
                    .until(d -> client.byTestId("call-status").getText().contains("Waiting for the other party"));
            client.assertAccessible("call page, waiting for the other party");
            therapist.go("/call/" + pair.sessionId());
            therapist.heading("Video call");
            awaitConnectedAndFramesGrowing(client, therapist);
            // the client (polite) answered the therapist's offer and made none of its own: no glare, whose rollback
            // at times left Chrome without a single candidate (CI, 2026-12-06)
            assertThat(trace(client)).as("the client's negotiation steps").anyMatch(s -> s.endsWith("sent answer"))
                    .noneMatch(s -> s.endsWith("sent offer"));
            client.screenshot("connected");
            client.assertAccessible("call page, connected (client)");
            controlsActOnWhatIsSent(client);
            therapist.assertAccessible("call page, connected (therapist)");
            therapist.press("Leave call");
            new WebDriverWait(client.driver(), CONNECT)
                    .until(d -> client.byTestId("call-status").getText().contains("Waiting for the other party"));
            client.storage().assertClean(pair.client().password());
        }
    }

    /**
     * "Survives a reconnect of either side": the therapist (the impolite peer) reloads the page — its socket closes,
     * a new socket and a new RTCPeerConnection come — then the client (the polite peer) leaves and joins again from
     * its sessions page. Each time both pages must be connected again on a new RTCPeerConnection (not the one from
     * before, which could still read "connected" for a moment) with inbound frames growing on both sides.
     */
    @Test
    void eitherSideLeavesAndComesBack(BrowserStack.Stack stack) {
        Pair pair = bookedPair(stack);
        try (Browser client = stack.openBrowser("rejoin-client"); Browser therapist = stack.openBrowser("rejoin-therapist")) {
            Journeys.signIn(client, pair.client());
            Journeys.signIn(therapist, pair.therapist());
            client.go("/client/sessions");
            client.followLink("Join call");
            client.heading("Video call");
            therapist.go("/call/" + pair.sessionId());
            therapist.heading("Video call");
            awaitConnectedAndFramesGrowing(client, therapist);

            // the therapist reloads: a reconnect of the impolite side
            markPeerConnections(client, therapist);
            therapist.driver().navigate().refresh();
            therapist.heading("Video call");
            awaitConnectedAndFramesGrowing(client, therapist);
            therapist.screenshot("connected-again-after-reload");

            // the client leaves and joins again: a reconnect of the polite side
            markPeerConnections(client, therapist);
            client.press("Leave call");
            client.waitForPath("/client/sessions");
            new WebDriverWait(therapist.driver(), CONNECT)
                    .until(d -> therapist.byTestId("call-status").getText().contains("Waiting for the other party"));
            client.followLink("Join call");
            client.heading("Video call");
            awaitConnectedAndFramesGrowing(client, therapist);
            client.screenshot("connected-again-after-rejoin");
            for (Browser browser : List.of(client, therapist)) {
                assertThat(browser.byTestId("call-status").getText()).as("call status").isEqualTo("Connected");
            }
            client.storage().assertClean(pair.client().password());
            therapist.storage().assertClean(pair.therapist().password());
        }
    }

    @Test
    void theSameThroughTheLocalTurnRelay(BrowserStack.Stack stack) {
        assumeTrue(stack.local().turnUrl().isPresent(), "coturn (turnserver) is not installed: apt-get install coturn");
        Pair pair = bookedPair(stack);
        try (Browser client = stack.openBrowser("relay-client"); Browser therapist = stack.openBrowser("relay-therapist")) {
            Journeys.signIn(client, pair.client());
            Journeys.signIn(therapist, pair.therapist());
            therapist.go("/call/" + pair.sessionId() + "?ice=relay");
            therapist.heading("Video call");
            client.go("/call/" + pair.sessionId() + "?ice=relay");
            client.heading("Video call");
            awaitConnectedAndFramesGrowing(client, therapist);
            for (Browser browser : List.of(client, therapist)) {
                assertThat(browser.driver().executeAsyncScript(SELECTED_LOCAL_TYPE)).as("selected local candidate").isEqualTo("relay");
            }
        }
    }

    /**
     * Mute and camera off switch off the tracks the RTCPeerConnection sends (not just the local preview), say so on
     * the buttons (aria-pressed) and under "You", and switch back; the camera and microphone choices list devices.
     */
    private static void controlsActOnWhatIsSent(Browser browser) {
        browser.press("Mute").press("Turn camera off");
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> Map.of("audio", false, "video", false)
                .equals(browser.driver().executeScript(SENT_TRACKS_ENABLED)));
        assertThat(button(browser, "Unmute").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(button(browser, "Turn camera on").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.xpath("//figure[.//video[@data-testid='local-video']]/figcaption"))
                .getText()).isEqualTo("You (camera off) (muted)");
        browser.assertAccessible("call page, muted and camera off");
        browser.press("Unmute").press("Turn camera on");
        new WebDriverWait(browser.driver(), Browser.WAIT).until(d -> Map.of("audio", true, "video", true)
                .equals(browser.driver().executeScript(SENT_TRACKS_ENABLED)));
        assertThat(button(browser, "Mute").getAttribute("aria-pressed")).isEqualTo("false");
        for (String device : List.of("Camera", "Microphone")) {
            assertThat(browser.driver().findElements(By.xpath("//label[starts-with(normalize-space(), '" + device + "')]//select/option")))
                    .as(device + " choices").isNotEmpty();
        }
    }

    private static WebElement button(Browser browser, String text) {
        return browser.driver().findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    /** Tags each page's current RTCPeerConnection, so that a wait for "connected" only counts a later one. */
    private static void markPeerConnections(Browser... browsers) {
        for (Browser browser : browsers) {
            browser.driver().executeScript(
                    "const pc = window.tmsCall && window.tmsCall.peerConnection(); if (pc) pc.tmsBefore = true;");
        }
    }

    private static void awaitConnectedAndFramesGrowing(Browser... browsers) {
        for (Browser browser : browsers) {
            // on failure, both sides' states and negotiation steps: a stuck side is often explained by the other
            new WebDriverWait(browser.driver(), CONNECT).withMessage(() -> "not connected anew: " + callState(browser)
                            + "; " + Arrays.stream(browsers).filter(b -> b != browser).map(VideoCallTest::callState)
                                    .collect(Collectors.joining("; ")))
                    .until(d -> "connected".equals(browser.byTestId("connection-state").getAttribute("textContent"))
                            && Boolean.TRUE.equals(browser.driver().executeScript(CONNECTED_ANEW)));
        }
        for (Browser browser : browsers) {
            long[] first = new long[1];
            Awaitility.await().atMost(CONNECT).pollInterval(Duration.ofMillis(250))
                    .until(() -> (first[0] = frames(browser)) > 0);
            Awaitility.await().atMost(CONNECT).pollInterval(Duration.ofMillis(250))
                    .until(() -> frames(browser) > first[0]);
        }
    }

    /** What a failed wait reports: the page's status line and its connection's states. */
    private static String callState(Browser browser) {
        try {
            List<String> console = browser.consoleMessages();
            return browser.name() + " " + browser.driver().executeScript(CALL_STATE) + ", console: "
                    + console.subList(Math.max(0, console.size() - 10), console.size());
        } catch (RuntimeException e) {
            return browser.name() + " (state unreadable: " + e.getMessage() + ")";
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> trace(Browser browser) {
        return (List<String>) browser.driver().executeScript("return window.tmsCall.trace();");
    }

    private static long frames(Browser browser) {
        return ((Number) browser.driver().executeAsyncScript(FRAMES_DECODED)).longValue();
    }

    record Pair(Person client, Person therapist, String sessionId) {
    }

    /** A verified therapist and a linked client with a session starting in ten minutes (its call is open). */
    private static Pair bookedPair(BrowserStack.Stack stack) {
        RestApi api = new RestApi(stack.baseUrl());
        Person therapist = Person.therapist("Kim Therapist");
        Person client = Person.client("Ada Client");
        signUp(api, therapist);
        signUp(api, client);
        String[] t = api.loginWithId(therapist.email(), therapist.password());
        String[] c = api.loginWithId(client.email(), client.password());
        api.post(t[0], "/api/therapists", Map.of("name", therapist.name(), "expertise", List.of("anxiety"),
                "location", "Berlin", "acceptingClients", true), 201);
        String admin = api.login(stack.adminEmail(), stack.adminPassword());
        api.post(admin, "/api/therapists/" + t[1] + "/verification", Map.of("verified", true), 204);
        api.post(c[0], "/api/clients", Map.of("name", client.name(), "timezone", "Europe/Berlin"), 201);
        String mappingId = given(stack, c[0]).body(Map.of("therapistId", t[1])).post("/api/mapping-requests")
                .then().statusCode(201).extract().path("mappingRequestId");
        given(stack, t[0]).body(Map.of("status", "approved")).put("/api/mapping-requests/" + mappingId).then().statusCode(200);

        Instant start = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String slotId = given(stack, t[0]).body(Map.of("slots", List.of(Map.of("startTime", start.toString(),
                        "endTime", start.plus(50, ChronoUnit.MINUTES).toString()))))
                .post("/api/session-slots/" + t[1]).then().statusCode(201).extract().path("items[0].slotId");
        // scheduling learns of the link from an event
        String requestId = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given(stack, c[0]).body(Map.of("slotId", slotId)).post("/api/appointment-requests");
            return response.statusCode() == 201 ? response.path("appointmentRequestId").toString() : null;
        }, id -> id != null);
        given(stack, t[0]).body(Map.of("status", "approved")).put("/api/appointment-requests/" + requestId)
                .then().statusCode(200);
        String sessionId = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> items = given(stack, c[0]).get("/api/sessions").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            return items.stream().filter(s -> slotId.equals(s.get("slotId"))).map(s -> s.get("sessionId").toString())
                    .findFirst().orElse(null);
        }, id -> id != null);
        // messaging learns of the session from an event
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given(stack, c[0]).get("/api/sessions/" + sessionId + "/call").statusCode() == 200);
        return new Pair(client, therapist, sessionId);
    }

    private static void signUp(RestApi api, Person person) {
        api.post(null, "/api/signup", Map.of("email", person.email(), "password", person.password(),
                "role", person.role(), "name", person.name()), 201);
    }

    private static RequestSpecification given(BrowserStack.Stack stack, String token) {
        return io.restassured.RestAssured.given().baseUri(stack.baseUrl()).contentType(ContentType.JSON).auth().oauth2(token);
    }
}
