package io.therapyms.scheduling;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.therapyms.devstack.KafkaProbe;
import io.therapyms.events.DecodedEvent;
import io.therapyms.events.EventCodec;
import io.therapyms.events.Topics;

/** What the scheduling tests share: the test stack's broker and resource prefix, and the service's own topic. */
abstract class SchedulingTestBase {

    static final EventCodec CODEC = new EventCodec();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tms.resource-prefix")
    String prefix;

    /** Every event on scheduling.events so far, decoded (and so schema-checked). */
    List<DecodedEvent> schedulingEvents() {
        return KafkaProbe.readAll(bootstrap, prefix + Topics.SCHEDULING).stream().map(r -> CODEC.decode(r.value()))
                .toList();
    }

    /** Produces the record twice: consumers must apply it once in effect. */
    void produceTwice(String topic, String key, String record) {
        KafkaProbe.produce(bootstrap, prefix + topic, key, record);
        KafkaProbe.produce(bootstrap, prefix + topic, key, record);
    }
}
