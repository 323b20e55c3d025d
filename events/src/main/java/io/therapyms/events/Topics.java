package io.therapyms.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka topic names, one per producing service, each with a dead-letter topic, and the one definition of their
 * shape (partitions, retention) that the local stack and the AWS stack both create them from. Services prepend
 * {@code tms.resource-prefix} to these names themselves.
 */
public final class Topics {

    public static final String IDENTITY = "identity.events";
    public static final String CLIENTS = "clients.events";
    public static final String THERAPISTS = "therapists.events";
    public static final String SCHEDULING = "scheduling.events";
    public static final String JOURNAL = "journal.events";
    public static final String MESSAGING = "messaging.events";

    public static final List<String> ALL = List.of(IDENTITY, CLIENTS, THERAPISTS, SCHEDULING, JOURNAL, MESSAGING);

    /**
     * Three partitions: events of one aggregate share a key and so a partition (their order holds), and up to three
     * instances of a consumer share a topic's work. More partitions can be added later; fewer cannot.
     */
    public static final int PARTITIONS = 3;

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    /**
     * Kept for ever, by time and by size: analytics-service rebuilds its read models by a replay from the earliest
     * offsets (its README), and a dead letter waits until an operator has looked at it.
     */
    private static final Map<String, String> KEEP_FOR_EVER = Map.of("retention.ms", "-1", "retention.bytes", "-1");

    private Topics() {
    }

    /** The dead-letter topic where consumers of {@code topic} park records they cannot process. */
    public static String dlq(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** A topic as it must exist on a broker: its name, partition count and topic-level configuration. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {

        public TopicSpec {
            configs = Map.copyOf(configs);
        }

        /** The same topic under a resource prefix (may be empty). */
        public TopicSpec prefixed(String prefix) {
            return new TopicSpec(prefix + name, partitions, configs);
        }
    }

    /** Every domain topic followed by its dead-letter topic, in the order of {@link #ALL}. */
    public static List<TopicSpec> specs() {
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : ALL) {
            specs.add(new TopicSpec(topic, PARTITIONS, KEEP_FOR_EVER));
            specs.add(new TopicSpec(dlq(topic), PARTITIONS, KEEP_FOR_EVER));
        }
        return List.copyOf(specs);
    }
}
