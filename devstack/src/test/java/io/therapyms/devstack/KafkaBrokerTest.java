package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path tempDir;

    @Test
    void createsTopicsAndDeliversRecords() throws Exception {
        try (KafkaBroker broker = startBroker(tempDir.resolve("kafka"))) {
            TopicAdmin.createTopics(broker.bootstrapServers(), "t1_");
            // A second creation finds every topic there and must not fail.
            TopicAdmin.createTopics(broker.bootstrapServers(), "t1_");

            try (Admin admin = KafkaAdmins.open(broker.bootstrapServers(), Duration.ofSeconds(10))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .containsAll(TopicAdmin.topicNames("t1_"))
                        .contains("t1_identity.events.dlq");
                assertThat(admin.describeTopics(List.of("t1_identity.events")).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get("t1_identity.events").partitions()).hasSize(3);
            }

            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                producer.send(new ProducerRecord<>("t1_identity.events", "user-1", "{\"hello\":1}")).get(10, TimeUnit.SECONDS);
            }
            assertThat(consumeOne(broker.bootstrapServers(), "t1_identity.events").value()).isEqualTo("{\"hello\":1}");
        }
    }

    @Test
    void keepsTopicsAcrossRestartsAndStopsCompletely() throws Exception {
        Path data = tempDir.resolve("kafka");
        ProcessHandle firstProcess;
        try (KafkaBroker broker = startBroker(data)) {
            firstProcess = broker.process().process().toHandle();
            TopicAdmin.createTopics(broker.bootstrapServers(), "kept_");
        }
        assertThat(firstProcess.isAlive()).isFalse();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(firstProcess.pid());

        try (KafkaBroker restarted = startBroker(data);
             Admin admin = KafkaAdmins.open(restarted.bootstrapServers(), Duration.ofSeconds(10))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(TopicAdmin.topicNames("kept_"));
        }
        assertThat(data.resolve("broker-warnings.log")).exists();
    }

    private KafkaBroker startBroker(Path data) {
        return KafkaBroker.start(data, Ports.pickFree(), Ports.pickFree(), tempDir.resolve("kafka.log"));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
    }

    private static ConsumerRecord<String, String> consumeOne(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertThat(received).as("records on " + topic).hasSize(1);
            return received.get(0);
        }
    }
}
