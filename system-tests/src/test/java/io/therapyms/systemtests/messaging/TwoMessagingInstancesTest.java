package io.therapyms.systemtests.messaging;

import static io.therapyms.systemtests.support.Api.eventually;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.therapyms.devstack.Apps;
import io.therapyms.devstack.LocalStack;
import io.therapyms.systemtests.support.Api;
import io.therapyms.systemtests.support.Latencies;
import io.therapyms.systemtests.support.Messages;
import io.therapyms.systemtests.support.NotificationSocket;
import io.therapyms.systemtests.support.NotificationSocket.TokenCarrier;
import io.therapyms.systemtests.support.SystemStack;

/**
 * Issue #7: notifications cross instances. A second messaging-service (instance B) runs against the same dynalite and
 * Kafka; the gateway routes only to the first (A). A WebSocket held on B receives what requests served by A raise,
 * and one held on A (through the gateway) receives the same: whichever instance's consumer raises a notification,
 * the push topic carries it to the sockets of both.
 */
@ExtendWith(SystemStack.class)
class TwoMessagingInstancesTest {

    private static final int MESSAGES = 6;

    @Test
    void aSocketOnInstanceBReceivesWhatARequestToInstanceARaised(Api api, LocalStack stack) {
        Api.Pair pair = api.linkedPair();
        Latencies onB = new Latencies("message.received, POST via gateway (instance A) → pushed on instance B");
        Latencies onA = new Latencies("message.received, POST via gateway (instance A) → pushed on instance A");

        try (LocalStack.ExtraInstance instanceB = stack.startExtraInstance(Apps.MESSAGING_SERVICE, freePort());
             NotificationSocket socketOnB = NotificationSocket.open(streamOf(instanceB), pair.therapist(),
                     TokenCarrier.SUBPROTOCOL);
             NotificationSocket socketOnA = NotificationSocket.open(api.notificationStream(), pair.therapist(),
                     TokenCarrier.FIRST_MESSAGE)) {
            // B reads the push topic from the latest offset once its consumer has partitions: wait until it relays.
            eventually().ignoreException(ConditionTimeoutException.class).untilAsserted(() -> socketOnB.await("message.received",
                    Messages.send(api, pair.client(), pair.therapist(), "are you there?"), Duration.ofSeconds(3)));

            for (int i = 1; i <= MESSAGES; i++) {
                long sending = System.nanoTime();
                String messageId = Messages.send(api, pair.client(), pair.therapist(), "message " + i);
                onB.record(sending, socketOnB.await("message.received", messageId).arrivedAtNanos());
                onA.record(sending, socketOnA.await("message.received", messageId).arrivedAtNanos());
            }
        }
        onB.log();
        onA.log();
    }

    private static URI streamOf(LocalStack.ExtraInstance instance) {
        return URI.create(instance.baseUrl().replaceFirst("^http", "ws") + "/api/notifications/stream");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
