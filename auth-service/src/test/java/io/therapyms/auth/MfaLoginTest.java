package io.therapyms.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.therapyms.auth.support.ShiftableClock;
import io.therapyms.devstack.DevStackResource;

/** The two-step login of an account with an authenticator app. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class MfaLoginTest {

    @Inject
    ShiftableClock clock;

    @Test
    void theMfaTokenExpiresAfterFiveMinutes() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String expiring = MfaApi.mfaToken(enrolled.user());
        String lastMoment = MfaApi.mfaToken(enrolled.user());
        try {
            clock.shift(Duration.ofMinutes(5).minusSeconds(5));
            MfaApi.secondStep(lastMoment, null, enrolled.recoveryCodes().get(0)).then().statusCode(200);
            clock.shift(Duration.ofSeconds(6));
            // a good recovery code does not help an expired token, and is not used up by the attempt
            MfaApi.secondStep(expiring, null, enrolled.recoveryCodes().get(1)).then().statusCode(401);
        } finally {
            clock.reset();
        }
        MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, enrolled.recoveryCodes().get(1)).then().statusCode(200);
    }

    @Test
    void theRightPasswordGivesAnMfaTokenAndNoTokens() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("therapist");
        AuthApi.login(enrolled.user().email(), enrolled.user().password()).then().statusCode(200)
                .body("mfaRequired", equalTo(true))
                .body("mfaToken", notNullValue())
                .body("accessToken", nullValue())
                .body("refreshToken", nullValue());
        given().contentType(ContentType.JSON).header("X-Token-Transport", "cookie")
                .body(Map.of("email", enrolled.user().email(), "password", enrolled.user().password()))
                .post("/api/login").then().statusCode(200)
                .body("mfaToken", notNullValue())
                .header("Set-Cookie", nullValue());
        // the password step is still guarded like any login
        AuthApi.login(enrolled.user().email(), "not the password at all").then().statusCode(401);
    }

    @Test
    void aCodeCompletesTheLoginOnceAndIsRefusedOnReplay() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String code = enrolled.app().nextCode();
        String mfaToken = MfaApi.mfaToken(enrolled.user());

        Response tokens = MfaApi.secondStep(mfaToken, code, null);
        tokens.then().statusCode(200).body("tokenType", equalTo("Bearer")).body("userId", equalTo(enrolled.user().userId()))
                .body("role", equalTo("client")).body("refreshToken", notNullValue());
        AuthApi.me("Bearer " + tokens.path("accessToken")).then().statusCode(200);
        AuthApi.refresh(tokens.path("refreshToken")).then().statusCode(200);

        // the same code (same time step) with a new login: refused
        MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), code, null).then().statusCode(401);
        // the spent mfaToken: refused even with a good recovery code
        MfaApi.secondStep(mfaToken, null, enrolled.recoveryCodes().get(0)).then().statusCode(401);
    }

    @Test
    void aWrongCodeLeavesTheMfaTokenUsable() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String mfaToken = MfaApi.mfaToken(enrolled.user());
        MfaApi.secondStep(mfaToken, enrolled.app().wrongCode(), null).then().statusCode(401);
        MfaApi.secondStep(mfaToken, null, "aaaa-bbbb-cccc-dddd").then().statusCode(401);
        MfaApi.secondStep(mfaToken, enrolled.app().nextCode(), null).then().statusCode(200);
    }

    @Test
    void aRecoveryCodeWorksOnceInAnyCaseWithOrWithoutDashes() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String typed = enrolled.recoveryCodes().get(3).replace("-", "").toUpperCase(Locale.ROOT);
        MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, typed).then().statusCode(200);
        MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, enrolled.recoveryCodes().get(3)).then().statusCode(401);
        MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, enrolled.recoveryCodes().get(4)).then().statusCode(200);
    }

    @Test
    void fiveWrongCodesLockTheUsersSecondStepOut() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String mfaToken = MfaApi.mfaToken(enrolled.user());
        for (int i = 0; i < 5; i++) {
            MfaApi.secondStep(mfaToken, enrolled.app().wrongCode(), null).then().statusCode(401);
        }
        Response locked = MfaApi.secondStep(MfaApi.mfaToken(enrolled.user()), null, enrolled.recoveryCodes().get(0));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.contentType()).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15L * 60);
    }

    @Test
    void theMfaTokenOpensNothingElse() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String mfaToken = MfaApi.mfaToken(enrolled.user());
        AuthApi.me("Bearer " + mfaToken).then().statusCode(401);
        AuthApi.refresh(mfaToken).then().statusCode(401);
        MfaApi.secondStep("not-a-token", null, enrolled.recoveryCodes().get(0)).then().statusCode(401);
        MfaApi.secondStep(mfaToken, null, enrolled.recoveryCodes().get(0)).then().statusCode(200);
    }

    @Test
    void asksForExactlyOneOfCodeAndRecoveryCode() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        String mfaToken = MfaApi.mfaToken(enrolled.user());
        MfaApi.secondStep(mfaToken, null, null).then().statusCode(400);
        MfaApi.secondStep(mfaToken, "123456", enrolled.recoveryCodes().get(0)).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("code", "123456")).post("/api/login/mfa").then().statusCode(400);
    }

    @Test
    void theCookieTransportSetsTheRefreshCookie() {
        MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
        given().contentType(ContentType.JSON).header("X-Token-Transport", "cookie")
                .body(Map.of("mfaToken", MfaApi.mfaToken(enrolled.user()), "recoveryCode", enrolled.recoveryCodes().get(0)))
                .post("/api/login/mfa").then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("refreshToken", nullValue())
                .cookie("tms_refresh", notNullValue());
        given().contentType(ContentType.JSON).header("X-Token-Transport", "query")
                .body(Map.of("mfaToken", MfaApi.mfaToken(enrolled.user()), "recoveryCode", enrolled.recoveryCodes().get(1)))
                .post("/api/login/mfa").then().statusCode(400);
    }

    @Test
    void ofConcurrentUsesOfOneRecoveryCodeExactlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            // a fresh user each round: the losers count as wrong codes, and 5 lock the user out
            MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
            String recoveryCode = enrolled.recoveryCodes().get(round);
            List<String> tokens = List.of(MfaApi.mfaToken(enrolled.user()), MfaApi.mfaToken(enrolled.user()),
                    MfaApi.mfaToken(enrolled.user()), MfaApi.mfaToken(enrolled.user()));
            List<Integer> statuses = race(tokens.stream()
                    .<Callable<Integer>>map(t -> () -> MfaApi.secondStep(t, null, recoveryCode).statusCode()).toList());
            assertThat(statuses).containsOnly(200, 401).filteredOn(s -> s == 200).hasSize(1);
        }
    }

    @Test
    void ofConcurrentUsesOfOneMfaTokenExactlyOneWins() throws Exception {
        for (int round = 0; round < 2; round++) {
            MfaApi.Enrolled enrolled = MfaApi.enrolledUser("client");
            String mfaToken = MfaApi.mfaToken(enrolled.user());
            List<String> codes = enrolled.recoveryCodes().subList(round * 4, round * 4 + 4);
            List<Integer> statuses = race(codes.stream()
                    .<Callable<Integer>>map(c -> () -> MfaApi.secondStep(mfaToken, null, c).statusCode()).toList());
            assertThat(statuses).containsOnly(200, 401).filteredOn(s -> s == 200).hasSize(1);
        }
    }

    /** Runs the calls at once (released together) and returns their results. */
    private static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
