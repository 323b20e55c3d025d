package io.therapyms.devstack;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Admin clients that give up quickly instead of retrying for Kafka's default minute. */
final class KafkaAdmins {

    private KafkaAdmins() {
    }

    static Admin open(String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "devstack",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                // A broker that is still starting refuses connections; retry soon rather than back off for seconds.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }
}
