package io.therapyms.events;

import java.util.List;

/**
 * Kafka topic names, one per producing service, each with a dead-letter topic. Services prepend
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

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic where consumers of {@code topic} park records they cannot process. */
    public static String dlq(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
