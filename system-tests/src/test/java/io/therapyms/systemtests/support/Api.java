package io.therapyms.systemtests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The system as its users see it: REST calls to the gateway only (never a service's own port), with the steps every
 * journey needs (sign up, log in, profiles, links) as one-liners that assert their documented status.
 */
public final class Api {

    /** Asynchronous effects (events between services) are awaited at most this long: a bound, not an expectation. */
    public static final Duration EVENTUAL = Duration.ofSeconds(30);

    /** How often a sign-up or login refused as busy (503, Retry-After) is sent again. */
    private static final int BUSY_ATTEMPTS = 10;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000)
            .setParam("http.socket.timeout", 60_000));

    private final String gatewayUrl;
    private final Credentials adminCredentials;

    Api(String gatewayUrl, Credentials adminCredentials) {
        this.gatewayUrl = gatewayUrl;
        this.adminCredentials = adminCredentials;
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** The gateway's WebSocket address of the notification stream. */
    public URI notificationStream() {
        return URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/api/notifications/stream");
    }

    public RequestSpecification anonymous() {
        return RestAssured.given().config(CONFIG).baseUri(gatewayUrl).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    public RequestSpecification as(User user) {
        return anonymous().auth().oauth2(user.accessToken());
    }

    /** Polling for what other services learn from events. */
    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(EVENTUAL).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO);
    }

    // --- accounts ---

    /** A new account of {@code role} ("client" / "therapist"), logged in. */
    public User signUp(String role) {
        Credentials credentials = new Credentials(role + "-" + UUID.randomUUID() + "@example.com",
                "pw-" + randomHex(12));
        Response signup = postWaitingWhileBusy("/api/signup", Map.of("email", credentials.email(), "password",
                credentials.password(), "role", role, "name", displayName(role)));
        assertThat(signup.statusCode()).as("sign-up: %s", signup.asString()).isEqualTo(201);
        User user = logIn(credentials);
        assertThat(user.id()).isEqualTo(signup.path("userId"));
        return user;
    }

    public User logIn(Credentials credentials) {
        Response login = postWaitingWhileBusy("/api/login",
                Map.of("email", credentials.email(), "password", credentials.password()));
        assertThat(login.statusCode()).as("login: %s", login.asString()).isEqualTo(200);
        return new User(login.path("userId"), login.path("role"), credentials, login.path("accessToken"));
    }

    /**
     * Sign-up and login check the password on auth-service's bounded hashing pool; while its queue is full they answer
     * 503 with {@code Retry-After} and have done nothing. Like any careful client, the tests wait as told and ask
     * again (a bounded number of times): many sign-ups at once (the booking race's 20 clients) are a normal load,
     * not a failure. Any other answer, a 503 without {@code Retry-After} included, is returned as it is.
     */
    private Response postWaitingWhileBusy(String path, Map<String, String> body) {
        for (int attempt = 1;; attempt++) {
            Response response = anonymous().body(body).post(path);
            String retryAfter = response.header("Retry-After");
            if (response.statusCode() != 503 || retryAfter == null || attempt == BUSY_ATTEMPTS) {
                return response;
            }
            try {
                Thread.sleep(Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim()))).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** The admin created at start-up from ADMIN_EMAIL / ADMIN_PASSWORD, freshly logged in. */
    public User admin() {
        return logIn(adminCredentials);
    }

    // --- profiles and links ---

    /** A client with a profile. */
    public User client() {
        User client = signUp("client");
        Response profile = as(client).body(Map.of("name", displayName("Client"), "timezone", "Europe/Berlin"))
                .post("/api/clients");
        assertThat(profile.statusCode()).as("client profile: %s", profile.asString()).isEqualTo(201);
        return client;
    }

    /** A therapist with a profile that an admin has verified, so clients can find and ask them. */
    public User verifiedTherapist() {
        User therapist = signUp("therapist");
        Response profile = as(therapist)
                .body(Map.of("name", displayName("Therapist"), "expertise", List.of("anxiety", "grief"),
                        "location", "Berlin", "acceptingClients", true))
                .post("/api/therapists");
        assertThat(profile.statusCode()).as("therapist profile: %s", profile.asString()).isEqualTo(201);
        Response verification = as(admin()).body(Map.of("verified", true))
                .post("/api/therapists/{id}/verification", therapist.id());
        assertThat(verification.statusCode()).as("verification: %s", verification.asString()).isEqualTo(204);
        return therapist;
    }

    /** The client asks, the therapist approves: returns the approved mapping request. */
    public JsonPath link(User client, User therapist) {
        Response request = as(client).body(Map.of("therapistId", therapist.id())).post("/api/mapping-requests");
        assertThat(request.statusCode()).as("mapping request: %s", request.asString()).isEqualTo(201);
        Response approval = as(therapist).body(Map.of("status", "approved"))
                .put("/api/mapping-requests/{id}", request.<String>path("mappingRequestId"));
        assertThat(approval.statusCode()).as("approval: %s", approval.asString()).isEqualTo(200);
        return approval.jsonPath();
    }

    /**
     * Waits until every service that keeps a projection of the link has seen it: scheduling (the client may list
     * the slots), journal (the therapist is "related", so 403 rather than 404 without a grant) and messaging (the
     * client's mapping.approved notification is raised after its link is stored).
     */
    public void awaitLinkedEverywhere(User client, User therapist) {
        eventually().untilAsserted(() -> assertThat(as(client).get("/api/session-slots/{id}", therapist.id())
                .statusCode()).isEqualTo(200));
        eventually().untilAsserted(() -> assertThat(as(therapist).get("/api/journals/{id}", client.id())
                .statusCode()).isEqualTo(403));
        eventually().untilAsserted(() -> assertThat(notificationTypes(client)).contains("mapping.approved"));
    }

    /** A linked pair, known as linked to every service. */
    public Pair linkedPair() {
        User therapist = verifiedTherapist();
        User client = client();
        link(client, therapist);
        awaitLinkedEverywhere(client, therapist);
        return new Pair(client, therapist);
    }

    public record Pair(User client, User therapist) {
    }

    // --- reading ---

    public List<String> notificationTypes(User user) {
        return allPages(user, "/api/notifications", Map.of(), page -> page.getList("items.type"));
    }

    /** Every item of a paged list, following {@code nextCursor} to the end. */
    public <T> List<T> allPages(User user, String path, Map<String, ?> query, Function<JsonPath, List<T>> items) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(user).queryParams(query).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(path);
            assertThat(page.statusCode()).as("GET %s: %s", path, page.asString()).isEqualTo(200);
            all.addAll(items.apply(page.jsonPath()));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return all;
    }

    public static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String displayName(String kind) {
        return kind + " " + randomHex(3);
    }
}
