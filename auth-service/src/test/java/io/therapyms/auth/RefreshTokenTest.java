package io.therapyms.auth;

import static io.therapyms.auth.AuthApi.loginOk;
import static io.therapyms.auth.AuthApi.newUser;
import static io.therapyms.auth.AuthApi.refresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.therapyms.devstack.DevStackResource;

@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RefreshTokenTest {

    @Test
    void rotatesTheRefreshTokenOnEveryUse() {
        AuthApi.Tokens tokens = loginOk(newUser("client"));
        Response first = refresh(tokens.refreshToken());
        first.then().statusCode(200).body("refreshToken", not(equalTo(tokens.refreshToken())));
        AuthApi.me("Bearer " + first.path("accessToken")).then().statusCode(200);
        refresh(first.path("refreshToken")).then().statusCode(200);
    }

    @Test
    void aSpentRefreshTokenPresentedAgainRevokesTheWholeFamily() {
        AuthApi.Tokens tokens = loginOk(newUser("client"));
        String next = refresh(tokens.refreshToken()).then().statusCode(200).extract().path("refreshToken");

        refresh(tokens.refreshToken()).then().statusCode(401); // replayed: the family dies
        refresh(next).then().statusCode(401);                 // including the legitimate successor
    }

    @Test
    void racingRefreshesOfOneTokenHaveExactlyOneWinnerAndLeaveNothingAlive() throws Exception {
        for (int round = 0; round < 10; round++) {
            AuthApi.Tokens tokens = loginOk(newUser("client"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Response> responses = new ArrayList<>();
            try {
                List<Callable<Response>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> refresh(tokens.refreshToken()));
                }
                for (Future<Response> f : pool.invokeAll(calls)) {
                    responses.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            // The one whose spend succeeded wins, even when a loser's revocation lands while it rotates.
            List<Response> winners = responses.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(winners).as("round %d: %s", round, responses.stream().map(Response::statusCode).toList()).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 401).hasSize(3);
            // The reuse revoked the family: the winner's refresh token and access token die with it.
            Response winner = winners.get(0);
            refresh(winner.path("refreshToken")).then().statusCode(401);
            String bearer = "Bearer " + winner.path("accessToken");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> AuthApi.me(bearer).statusCode() == 401);
        }
    }

    @Test
    void refusesUnknownRefreshTokens() {
        refresh("made-up-token").then().statusCode(401).contentType("application/problem+json");
    }
}
