package io.therapyms.systemtests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.therapyms.devstack.KafkaProbe;

/**
 * Per-key order on the topics (EVENTS.md: the record key is the aggregate id, and an aggregate's events keep their
 * order): for each key, the events in offset order, each counted at its first appearance (a republished duplicate
 * may come later under the same id), must have non-decreasing CloudEvent times, since one aggregate's writes are
 * serialised by its conditional writes and stamped by one clock on this machine.
 */
final class KeyOrder {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event as it first appeared under its key. */
    record Seen(String id, String type, Instant time, int partition, long offset) {
    }

    /** The events of each key in offset order, duplicates dropped, of every record on {@code topics}. */
    static Map<String, List<Seen>> read(String bootstrap, List<String> topics) {
        Map<String, List<Seen>> byKey = new HashMap<>();
        for (String topic : topics) {
            List<ConsumerRecord<String, String>> records = new ArrayList<>(KafkaProbe.readAll(bootstrap, topic));
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode event = parse(record.value());
                String id = event.path("id").asText();
                if (ids.add(id)) {
                    byKey.computeIfAbsent(topic + "/" + record.key(), key -> new ArrayList<>()).add(new Seen(id,
                            event.path("type").asText(), Instant.parse(event.path("time").asText()), record.partition(),
                            record.offset()));
                }
            }
        }
        return byKey;
    }

    /** Keys whose events are not in time order, or not on one partition, each with its events. */
    static List<String> violations(Map<String, List<Seen>> byKey) {
        List<String> violations = new ArrayList<>();
        byKey.forEach((key, events) -> {
            for (int i = 1; i < events.size(); i++) {
                Seen before = events.get(i - 1);
                Seen after = events.get(i);
                if (after.time().isBefore(before.time()) || after.partition() != before.partition()) {
                    violations.add(key + ": " + events);
                    return;
                }
            }
        });
        return violations;
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeyOrder() {
    }
}
