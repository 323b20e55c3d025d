package io.therapyms.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.therapyms.gateway.testing.FakeBackend;
import io.therapyms.gateway.testing.FakeBackends;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

@QuarkusTest
@WithTestResource(FakeBackends.class)
class WebSocketPassThroughTest {

    FakeBackends backends;

    @ParameterizedTest
    @ValueSource(strings = {"/api/notifications/stream", "/api/sessions/s-1/call/signal"})
    void passesTheUpgradeThroughAndEchoesFramesBothWays(String path) {
        HttpClient client = backends.vertx().createHttpClient();
        try {
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(RestAssured.port)
                    .setURI(path)
                    .setSubProtocols(List.of(FakeBackend.WEBSOCKET_SUBPROTOCOL, "token-abc"));
            WebSocket socket = client.webSocket(options).toCompletionStage().toCompletableFuture()
                    .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();

            CompletableFuture<String> echoed = new CompletableFuture<>();
            socket.textMessageHandler(echoed::complete);
            socket.writeTextMessage("hello through the gateway");

            assertThat(echoed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("hello through the gateway");
            assertThat(socket.subProtocol()).isEqualTo(FakeBackend.WEBSOCKET_SUBPROTOCOL);
            assertThat(backends.backend(FakeBackends.MESSAGING).lastWebSocketHeaders().get("Sec-WebSocket-Protocol"))
                    .contains("token-abc");
            socket.close();
        } finally {
            client.close();
        }
    }

    @Test
    void answersAnUpgradeToADownServiceWith502Problem() {
        FakeBackend messaging = backends.backend(FakeBackends.MESSAGING);
        messaging.stop();
        try {
            io.restassured.RestAssured.given()
                    .header("Connection", "Upgrade")
                    .header("Upgrade", "websocket")
                    .header("Sec-WebSocket-Version", "13")
                    .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                    .when().get("/api/notifications/stream")
                    .then().statusCode(502)
                    .contentType("application/problem+json");
        } finally {
            messaging.start();
        }
    }
}
