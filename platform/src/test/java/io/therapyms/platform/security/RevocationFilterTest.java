package io.therapyms.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.TestTokens;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;
import io.therapyms.events.identity.SessionsRevoked;
import io.therapyms.events.identity.TokenRevoked;
import io.therapyms.events.identity.UserDeactivated;
import io.therapyms.devstack.KafkaProbe;
import io.therapyms.platform.config.PlatformConfig;

/** Every service refuses revoked tokens and deactivated users, from identity.events. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class RevocationFilterTest {

    private static final EventCodec CODEC = new EventCodec();

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    JWTParser parser;

    @Test
    void refusesALoggedOutToken() throws Exception {
        String userId = UUID.randomUUID().toString();
        String token = TestTokens.forUser(userId, "client");
        String otherSession = TestTokens.forUser(userId, "client");
        status(token, 200);
        // the token's verification is remembered now (VerifiedTokenCache): revocation must still refuse it
        assertThat(parser).isInstanceOf(VerifiedTokenCache.class);
        int remembered = ((VerifiedTokenCache) parser).size();
        status(token, 200);
        assertThat(((VerifiedTokenCache) parser).size()).isEqualTo(remembered).isPositive();

        publish(new TokenRevoked(userId, jti(token), Instant.now().plusSeconds(600)));

        await().atMost(Duration.ofSeconds(10)).until(() -> me(token) == 401);
        status(otherSession, 200);
    }

    @Test
    void refusesDeactivatedUsers() {
        String userId = UUID.randomUUID().toString();
        String token = TestTokens.forUser(userId, "therapist");
        publish(new UserDeactivated(userId));
        await().atMost(Duration.ofSeconds(10)).until(() -> me(token) == 401);
    }

    @Test
    void refusesTokensIssuedBeforeSessionsWereRevoked() {
        String userId = UUID.randomUUID().toString();
        String token = TestTokens.forUser(userId, "client");
        publish(new SessionsRevoked(userId, Instant.now().plusSeconds(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> me(token) == 401);
    }

    private void publish(DomainEvent event) {
        KafkaProbe.produce(bootstrap, config.prefixed(Topics.IDENTITY), event.aggregateId(),
                CODEC.encode(event, UUID.randomUUID().toString(), Instant.now()));
    }

    private static int me(String token) {
        return given().header("Authorization", "Bearer " + token).get("/probe/me").statusCode();
    }

    private static void status(String token, int expected) {
        given().header("Authorization", "Bearer " + token).get("/probe/me").then().statusCode(expected);
    }

    private static String jti(String token) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asText();
    }
}
