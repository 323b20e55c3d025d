package io.therapyms.scheduling;

import static io.restassured.RestAssured.given;
import static io.therapyms.scheduling.SchedulingApi.approve;
import static io.therapyms.scheduling.SchedulingApi.as;
import static io.therapyms.scheduling.SchedulingApi.future;
import static io.therapyms.scheduling.SchedulingApi.link;
import static io.therapyms.scheduling.SchedulingApi.newId;
import static io.therapyms.scheduling.SchedulingApi.request;
import static io.therapyms.scheduling.SchedulingApi.sample;
import static io.therapyms.scheduling.SchedulingApi.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.ValidationWarnings;
import biweekly.component.VEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.Topics;
import io.therapyms.events.clients.ClientDeleted;
import io.therapyms.events.clients.ClientProfileCreated;
import io.therapyms.events.identity.UserDeactivated;
import io.therapyms.events.therapists.TherapistDeleted;
import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.scheduling.sessions.Session;
import io.therapyms.scheduling.sessions.SessionRepository;

/**
 * The secret-URL calendar feed, parsed by an independent iCalendar library (biweekly): every property of a
 * confirmed and a cancelled session, names only when asked for, the window, other users' sessions, the 404
 * of replaced, revoked and erased feeds, and who may call what.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class CalendarFeedTest extends SchedulingTestBase {

    @Inject
    SessionRepository sessions;

    @Test
    void theFeedHoldsTheUsersSessionsWithEveryPropertyAndNothingElse() throws Exception {
        String t = newId();
        String c = newId();
        link(bootstrap, prefix, c, t);
        String confirmed = approve(t, request(c, slot(t, future(3, 9), 50)));
        String cancelled = approve(t, request(c, slot(t, future(4, 9), 60)));
        // notes on the confirmed one: they must never reach the feed (and the change bumps its SEQUENCE too)
        String shared = "shared-" + newId();
        String secret = "private-" + newId();
        as(t, "therapist").body(Map.of("sharedNotes", shared, "privateNotes", secret))
                .put("/api/sessions/" + confirmed).then().statusCode(200);

        String url = create(c, "client", false);
        given().accept("text/calendar").get(url.substring(url.indexOf("/api/"))).then().statusCode(200)
                .contentType("text/calendar; charset=utf-8");
        assertThat(url).matches("http://[^/]+/api/calendar/[A-Za-z0-9_-]{43}\\.ics");
        VEvent before = event(parse(fetch(url)), cancelled);
        assertThat(before.getStatus().getValue()).isEqualTo("CONFIRMED");
        int sequenceBefore = before.getSequence().getValue();

        as(c, "client").body(Map.of("status", "cancelled")).put("/api/sessions/" + cancelled).then().statusCode(200);
        Instant fetched = Instant.now();
        String text = fetch(url);
        assertThat(text).doesNotContain(shared).doesNotContain(secret).doesNotContain(t).doesNotContain(c)
                .contains("\r\n").doesNotContain("DESCRIPTION");
        ICalendar calendar = parse(text);
        assertThat(calendar.getEvents()).hasSize(2);

        Map<String, Object> confirmedView = as(c, "client").get("/api/sessions/" + confirmed).then().extract().as(Map.class);
        VEvent one = event(calendar, confirmed);
        assertThat(one.getUid().getValue()).isEqualTo(confirmed);
        assertThat(one.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse((String) confirmedView.get("startTime")));
        assertThat(one.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse((String) confirmedView.get("endTime")));
        assertThat(one.getDateStart().getValue().hasTime()).isTrue();
        assertThat(one.getDateTimeStamp().getValue().toInstant())
                .isBetween(fetched.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS), Instant.now().plusSeconds(1));
        assertThat(one.getSummary().getValue()).isEqualTo("Therapy session");
        assertThat(one.getStatus().getValue()).isEqualTo("CONFIRMED");
        assertThat(one.getSequence().getValue()).isEqualTo(1); // the notes' change
        assertThat(one.getUrl().getValue()).endsWith("/client/sessions");
        assertThat(one.getDescription()).isNull();
        assertThat(one.getLocation()).isNull();

        VEvent two = event(calendar, cancelled);
        assertThat(two.getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(two.getSequence().getValue()).isGreaterThan(sequenceBefore);
        assertThat(two.getSummary().getValue()).isEqualTo("Therapy session");

        // UTC on the wire: DTSTART/DTEND/DTSTAMP in the "Z" form, no TZID
        assertThat(text).containsPattern("DTSTART:\\d{8}T\\d{6}Z\r\n").doesNotContain("TZID");
        // the therapist's feed links to the therapist's session page
        String therapistUrl = create(t, "therapist", false);
        assertThat(event(parse(fetch(therapistUrl)), confirmed).getUrl().getValue())
                .endsWith("/therapist/sessions/" + confirmed);
    }

    @Test
    void theWindowIsThirtyDaysBackToAYearAheadAndOnlyTheUsersOwnSessions() throws Exception {
        String t = newId();
        String c = newId();
        Instant now = Instant.now();
        String inBack = stored(c, t, now.minus(Duration.ofDays(29)));
        String tooOld = stored(c, t, now.minus(Duration.ofDays(31)));
        String inAhead = stored(c, t, now.plus(Duration.ofDays(360)));
        String tooFar = stored(c, t, now.plus(Duration.ofDays(366)));
        String othersSession = stored(newId(), t, now.plus(Duration.ofDays(2)));
        String othersTherapist = stored(newId(), newId(), now.plus(Duration.ofDays(2)));

        List<String> clientUids = uids(parse(fetch(create(c, "client", false))));
        assertThat(clientUids).containsExactly(inBack, inAhead);
        List<String> therapistUids = uids(parse(fetch(create(t, "therapist", false))));
        assertThat(therapistUids).containsExactlyInAnyOrder(inBack, inAhead, othersSession)
                .doesNotContain(tooOld, tooFar, othersTherapist);
    }

    @Test
    void namesAppearOnlyWhenAskedForAtCreation() throws Exception {
        String t = newId();
        String c = newId();
        KafkaProbe.produce(bootstrap, prefix + Topics.CLIENTS, c, sample(ClientProfileCreated.class, c,
                Map.of("clientId", c, "name", "Ada, \"Client\"; Lovelace")));
        KafkaProbe.produce(bootstrap, prefix + Topics.THERAPISTS, t, sample(TherapistProfileUpdated.class, t,
                Map.of("therapistId", t, "name", "Dr. Zoë Ĥerbert-with-a-very-long-name-that-makes-the-line-fold-twice")));
        String session = stored(c, t, Instant.now().plus(Duration.ofDays(1)));

        String withNames = create(c, "client", true);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(event(parse(fetch(withNames)), session)
                .getSummary().getValue())
                .isEqualTo("Therapy session with Dr. Zoë Ĥerbert-with-a-very-long-name-that-makes-the-line-fold-twice"));
        String therapistFeed = create(t, "therapist", true);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(event(parse(fetch(therapistFeed)), session)
                .getSummary().getValue()).isEqualTo("Therapy session with Ada, \"Client\"; Lovelace"));

        // a new feed without names replaces the one with them
        String without = create(c, "client", false);
        assertThat(event(parse(fetch(without)), session).getSummary().getValue()).isEqualTo("Therapy session");
        assertThat(fetch(without)).doesNotContain("Zo");
        as(c, "client").get("/api/calendar/feed").then().statusCode(200)
                .body("includeNames", org.hamcrest.Matchers.equalTo(false));

        // the client's erasure takes their name out of the therapist's feed
        KafkaProbe.produce(bootstrap, prefix + Topics.CLIENTS, c, sample(ClientDeleted.class, c, Map.of("clientId", c)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(event(parse(fetch(therapistFeed)), session)
                .getSummary().getValue()).isEqualTo("Therapy session"));
    }

    @Test
    void replacedRevokedAndUnknownUrlsAnswerTheSame404() {
        String c = newId();
        String first = create(c, "client", false);
        get(first).then().statusCode(200);
        String second = create(c, "client", false);
        assertThat(second).isNotEqualTo(first);
        Response replaced = get(first);
        Response unknown = get(first.replaceAll("/[A-Za-z0-9_-]{43}\\.ics$", "/" + "A".repeat(43) + ".ics"));
        Response malformed = get(first.replaceAll("/[A-Za-z0-9_-]{43}\\.ics$", "/short.ics"));
        get(second).then().statusCode(200);

        as(c, "client").delete("/api/calendar/feed").then().statusCode(204);
        Response revoked = get(second);
        for (Response r : List.of(replaced, unknown, malformed, revoked)) {
            r.then().statusCode(404).contentType("application/problem+json");
        }
        assertThat(revoked.asString()).isEqualTo(replaced.asString()).isEqualTo(unknown.asString())
                .isEqualTo(malformed.asString());
        // calendar apps ask for text/calendar: the 404 is still the problem document
        String revokedBody = given().accept("text/calendar").get(second.substring(second.indexOf("/api/"))).then()
                .statusCode(404).contentType("application/problem+json").extract().asString();
        assertThat(revokedBody).isEqualTo(revoked.asString());
        as(c, "client").delete("/api/calendar/feed").then().statusCode(404);
        as(c, "client").get("/api/calendar/feed").then().statusCode(404);
        as(c, "client").body("{\"includeNames\":\"yes\"}").post("/api/calendar/feed").then().statusCode(400);
    }

    @Test
    void anErasedUsersFeedDisappears() {
        String c = newId();
        String t = newId();
        String clientFeed = create(c, "client", false);
        String therapistFeed = create(t, "therapist", false);
        KafkaProbe.produce(bootstrap, prefix + Topics.CLIENTS, c, sample(ClientDeleted.class, c, Map.of("clientId", c)));
        KafkaProbe.produce(bootstrap, prefix + Topics.THERAPISTS, t, sample(TherapistDeleted.class, t,
                Map.of("therapistId", t)));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            get(clientFeed).then().statusCode(404);
            get(therapistFeed).then().statusCode(404);
        });
        as(c, "client").get("/api/calendar/feed").then().statusCode(404);
    }

    @Test
    void aDeactivatedUsersFeedCloses() {
        String c = newId();
        String other = newId();
        String feed = create(c, "client", false);
        String othersFeed = create(other, "client", false);
        get(feed).then().statusCode(200);
        KafkaProbe.produce(bootstrap, prefix + Topics.IDENTITY, c, CODEC.encode(new UserDeactivated(c),
                newId(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(feed).then().statusCode(404)
                .contentType("application/problem+json"));
        get(othersFeed).then().statusCode(200);
    }

    @Test
    void whoMayCallWhat() {
        String c = newId();
        String t = newId();
        String admin = newId();
        given().contentType("application/json").body(Map.of("includeNames", false)).post("/api/calendar/feed")
                .then().statusCode(401);
        given().delete("/api/calendar/feed").then().statusCode(401);
        given().get("/api/calendar/feed").then().statusCode(401);
        as(admin, "admin").body(Map.of("includeNames", false)).post("/api/calendar/feed").then().statusCode(403);
        as(admin, "admin").delete("/api/calendar/feed").then().statusCode(403);
        as(admin, "admin").get("/api/calendar/feed").then().statusCode(403);

        // no body at all means no names
        String clientUrl = as(c, "client").post("/api/calendar/feed").then().statusCode(201).extract().path("url");
        String therapistUrl = create(t, "therapist", false);
        // the URL is the credential: anyone holding it reads the feed, with or without a token of their own
        get(clientUrl).then().statusCode(200);
        String path = therapistUrl.substring(therapistUrl.indexOf("/api/"));
        as(admin, "admin").get(path).then().statusCode(200);
        as(c, "client").get(path).then().statusCode(200);
        // one user's DELETE revokes only their own feed
        as(c, "client").delete("/api/calendar/feed").then().statusCode(204);
        get(clientUrl).then().statusCode(404);
        get(therapistUrl).then().statusCode(200);
        as(t, "therapist").delete("/api/calendar/feed").then().statusCode(204);
        get(therapistUrl).then().statusCode(404);
    }

    private static String create(String userId, String role, boolean includeNames) {
        return as(userId, role).body(Map.of("includeNames", includeNames)).post("/api/calendar/feed").then()
                .statusCode(201).extract().path("url");
    }

    /** Anonymous, as a calendar app polls; only the path (the URL's host is this test's service). */
    private static Response get(String url) {
        return given().get(url.substring(url.indexOf("/api/")));
    }

    private static String fetch(String url) {
        Response response = get(url);
        response.then().statusCode(200).header("Content-Type", "text/calendar; charset=utf-8")
                .header("Cache-Control", "no-store");
        return response.asString();
    }

    private static ICalendar parse(String text) {
        List<List<biweekly.io.ParseWarning>> parseWarnings = new ArrayList<>();
        ICalendar calendar = Biweekly.parse(text).warnings(parseWarnings).first();
        assertThat(calendar).as(text).isNotNull();
        assertThat(parseWarnings).as(text).allMatch(List::isEmpty);
        ValidationWarnings warnings = calendar.validate(ICalVersion.V2_0);
        assertThat(warnings.isEmpty()).as(() -> warnings + "\n" + text).isTrue();
        assertThat(calendar.getVersion()).isEqualTo(ICalVersion.V2_0);
        assertThat(calendar.getProductId().getValue()).isNotBlank();
        return calendar;
    }

    private static VEvent event(ICalendar calendar, String uid) {
        Optional<VEvent> event = calendar.getEvents().stream().filter(e -> e.getUid().getValue().equals(uid)).findFirst();
        assertThat(event).as("event %s", uid).isPresent();
        return event.get();
    }

    private static List<String> uids(ICalendar calendar) {
        return calendar.getEvents().stream().map(e -> e.getUid().getValue()).toList();
    }

    /** A session written by the service's own repository (past ones cannot be booked through the API). */
    private String stored(String clientId, String therapistId, Instant start) {
        String slotId = newId();
        String requestId = newId();
        String sessionId = SessionRepository.sessionIdFor(slotId, requestId);
        sessions.createOnce(new Session(sessionId, clientId, therapistId, slotId, requestId,
                start.truncatedTo(ChronoUnit.SECONDS), start.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(50)),
                io.therapyms.scheduling.sessions.SessionStatus.SCHEDULED, "", ""));
        return sessionId;
    }
}
