package io.therapyms.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import io.therapyms.events.Topics;

/**
 * Creates the services' topics and their dead-letter topics, idempotently, optionally under a name prefix, from
 * the one definition in {@link Topics#specs()} (the AWS stack creates them from it too).
 */
public final class TopicAdmin {

    private static final short REPLICATION_FACTOR = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicAdmin() {
    }

    /** Every topic and dead-letter topic name, each starting with {@code prefix} (may be empty). */
    public static List<String> topicNames(String prefix) {
        return Topics.specs().stream().map(spec -> prefix + spec.name()).toList();
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and returns once the broker
     * lists them all: the controller confirms a creation a moment before the broker's metadata shows it.
     */
    public static void createTopics(String bootstrapServers, String prefix) {
        List<String> names = topicNames(prefix);
        List<NewTopic> topics = Topics.specs().stream().map(spec -> spec.prefixed(prefix))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), REPLICATION_FACTOR).configs(spec.configs()))
                .toList();
        try (Admin admin = KafkaAdmins.open(bootstrapServers, TIMEOUT)) {
            for (Map.Entry<String, KafkaFuture<Void>> creation : admin.createTopics(topics).values().entrySet()) {
                awaitCreation(creation.getKey(), creation.getValue());
            }
            Poll.until(TIMEOUT, "the broker to list the new topics", () -> listTopics(admin).containsAll(names));
        }
    }

    /** Deletes the topics under {@code prefix}, for tests that borrowed a long-running broker, and waits until gone. */
    static void deleteTopics(String bootstrapServers, String prefix) {
        List<String> names = topicNames(prefix);
        try (Admin admin = KafkaAdmins.open(bootstrapServers, TIMEOUT)) {
            admin.deleteTopics(names).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Poll.until(TIMEOUT, "the broker to drop the deleted topics",
                    () -> listTopics(admin).stream().noneMatch(names::contains));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot delete the topics under prefix " + prefix + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> listTopics(Admin admin) {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot list the broker's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while listing topics", e);
        }
    }

    private static void awaitCreation(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StartupException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new StartupException("creating topic " + topic + " took longer than " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while creating topic " + topic, e);
        }
    }
}
