package io.therapyms.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.therapyms.devstack.DevStackResource;
import io.therapyms.devstack.testing.Metrics;
import io.therapyms.messaging.NotificationSockets.Listener;

/** The open-sockets gauge follows a notification socket opening and closing, as /q/metrics shows it. */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class OpenSocketsMetricsTest {

    private static final String NOTIFICATIONS = "endpoint=notifications";

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    @Test
    void countsOpenNotificationSockets() {
        double before = Metrics.valueOrZero("tms_websockets_open", NOTIFICATIONS);
        WebSocket socket = NotificationSockets.open(stream, new Listener(), "bearer", MessagingApi.client().token());

        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.valueOrZero("tms_websockets_open", NOTIFICATIONS) == before + 1);
        assertThat(Metrics.value("tms_websockets_open", "endpoint=calls")).isPresent();

        socket.abort();
        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.valueOrZero("tms_websockets_open", NOTIFICATIONS) == before);
    }
}
