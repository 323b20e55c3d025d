package io.therapyms.messaging.metrics;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.therapyms.messaging.calls.CallSignalSocket;
import io.therapyms.messaging.push.NotificationStream;

/**
 * {@code tms.websockets.open}: the sockets open on this instance now, per endpoint ({@code notifications},
 * {@code calls}), counted from websockets-next's own registry of open connections at scrape time, so the figure
 * cannot drift from the truth the way an opened/closed counter pair would after a missed close.
 */
@Singleton
class OpenSocketsMetrics {

    /** Tag value → the endpoint id websockets-next gives an endpoint class by default (its name). */
    private static final Map<String, String> ENDPOINTS = Map.of(
            "notifications", NotificationStream.class.getName(),
            "calls", CallSignalSocket.class.getName());

    @Inject
    OpenConnections connections;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent event) {
        ENDPOINTS.forEach((tag, endpointId) -> Gauge.builder("tms.websockets.open", connections,
                        open -> open.stream().filter(connection -> endpointId.equals(connection.endpointId())).count())
                .description("WebSockets open on this instance")
                .tag("endpoint", tag)
                .register(registry));
    }
}
