package io.therapyms.systemtests.tracing;

import static io.therapyms.systemtests.support.Api.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.NotificationSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.Slots;
import io.therapyms.systemtests.support.SystemStack;
import io.therapyms.systemtests.support.TraceCollector;
import io.therapyms.systemtests.support.TraceCollector.CollectedSpan;

/**
 * Issue #20: one booking approval is one trace, from the gateway through scheduling-service, its outbox and Kafka
 * record, to the consumers and messaging-service's push over the client's WebSocket. Every process of the stack
 * exports its spans by OTLP to the test's {@link TraceCollector}; the approval is sent with a traceparent of the
 * test's own, so its trace id is known.
 */
@ExtendWith(SystemStack.class)
class BookingTraceTest {

    @Test
    void oneApprovalIsOneTraceAcrossTheGatewayTheServiceKafkaAndThePush(Api api, TraceCollector traces) {
        Api.Pair pair = api.linkedPair();
        String slotId = Slots.create(api, pair.therapist(), 1).get(0);
        String requestId = Slots.request(api, pair.client(), slotId);
        String traceId = Api.randomHex(16);

        try (NotificationSocket clientSocket = NotificationSocket.open(api.notificationStream(), pair.client(),
                TokenCarrier.SUBPROTOCOL)) {
            Response approval = api.as(pair.therapist())
                    .header("traceparent", "00-" + traceId + "-" + Api.randomHex(8) + "-01")
                    .body(Map.of("status", "approved"))
                    .put("/api/appointment-requests/{id}", requestId);
            assertThat(approval.statusCode()).as(approval.asString()).isEqualTo(200);
            clientSocket.await("appointment.approved", requestId);
        }

        eventually().untilAsserted(() -> {
            List<CollectedSpan> trace = traces.trace(traceId);
            Set<String> services = trace.stream().map(CollectedSpan::service).collect(Collectors.toSet());
            assertThat(services).as("services in trace %s: %s", traceId, trace)
                    .contains("gateway", "scheduling-service", "messaging-service");
            // the approval's handling in messaging-service and the push to the client's socket, inside the trace
            assertThat(trace).as("spans of trace %s", traceId)
                    .anySatisfy(span -> assertThat(span).satisfies(s -> {
                        assertThat(s.service()).isEqualTo("messaging-service");
                        assertThat(s.name()).isEqualTo("therapy.scheduling.AppointmentApproved.v1 process");
                    }))
                    .anySatisfy(span -> assertThat(span).satisfies(s -> {
                        assertThat(s.service()).isEqualTo("messaging-service");
                        assertThat(s.name()).isEqualTo("notification push");
                        assertThat(s.attributes()).containsEntry("tms.push.sockets", "1");
                    }));
            // one tree: only the gateway's entry span has its parent (the caller's) outside the collected spans
            Set<String> spanIds = trace.stream().map(CollectedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace.stream().filter(span -> !spanIds.contains(span.parentSpanId())))
                    .as("spans whose parent is outside the trace")
                    .allSatisfy(span -> assertThat(span.service()).isEqualTo("gateway"));
        });
        List<CollectedSpan> trace = traces.trace(traceId);
        System.out.printf("system-tests: approval trace %s: %d spans: %s%n", traceId, trace.size(),
                trace.stream().map(span -> span.service() + " " + span.kind() + " '" + span.name() + "'")
                        .collect(Collectors.toCollection(java.util.TreeSet::new)));
    }
}
