package io.therapyms.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DomainEvent;
import io.therapyms.events.EventCatalog;
import io.therapyms.events.EventCodec;

/** Events as their producers would publish them (CloudEvents with a chosen time), collected and then produced. */
final class EventLog {

    static final EventCodec CODEC = new EventCodec();

    record Published(String topic, String key, String json) {
    }

    private final List<Published> events = new ArrayList<>();
    private final Random ids;

    EventLog(Random ids) {
        this.ids = ids;
    }

    String newId() {
        return new UUID(ids.nextLong(), ids.nextLong()).toString();
    }

    void add(Instant time, DomainEvent data) {
        events.add(new Published(EventCatalog.of(data.getClass()).topic(), data.aggregateId(),
                CODEC.encode(data, newId(), time)));
    }

    List<Published> events() {
        return events;
    }

    /** Produces the records in the given order, one producer for all of them, each acknowledged. */
    static void produce(String bootstrap, String prefix, List<Published> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // one in flight: the records of a partition arrive in exactly the order given (the shuffled order, too)
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (Published event : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(prefix + event.topic(), event.key(),
                        event.json());
                record.headers().add("content-type", KafkaProbe.CLOUDEVENTS_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
