package io.therapyms.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.therapyms.events.identity.UserRegistered;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void typesFollowTheNamingRule() {
        for (EventDescriptor descriptor : EventCatalog.all()) {
            String service = descriptor.source().replaceFirst("^/(.+)-service$", "$1");
            assertThat(descriptor.type())
                    .as("type of %s", descriptor.dataClass().getSimpleName())
                    .isEqualTo("therapy." + service + "." + descriptor.dataClass().getSimpleName() + ".v1");
        }
    }

    @Test
    void recordsLiveInThePackageNamedAfterTheirTopic() {
        for (EventDescriptor descriptor : EventCatalog.all()) {
            String topicName = descriptor.topic().replace(".events", "");
            assertThat(descriptor.dataClass().getPackageName())
                    .as("package of %s", descriptor.type())
                    .isEqualTo("io.therapyms.events." + topicName);
        }
    }

    @Test
    void eachTopicHasOneProducerAndEachProducerOneTopic() {
        for (String topic : Topics.ALL) {
            assertThat(EventCatalog.onTopic(topic)).as("events on %s", topic).isNotEmpty()
                    .extracting(EventDescriptor::source).containsOnly(EventCatalog.onTopic(topic).get(0).source());
        }
        assertThat(EventCatalog.all()).extracting(EventDescriptor::topic).containsOnlyElementsOf(Topics.ALL);
        assertThat(EventCatalog.all().stream().map(EventDescriptor::source).distinct()).hasSameSizeAs(Topics.ALL);
    }

    @Test
    void namesTheDeadLetterTopicAfterItsTopic() {
        assertThat(Topics.dlq(Topics.SCHEDULING)).isEqualTo("scheduling.events.dlq");
        assertThat(Topics.ALL).containsExactly("identity.events", "clients.events", "therapists.events",
                "scheduling.events", "journal.events", "messaging.events");
    }

    @Test
    void findsADescriptorByClassAndByType() {
        EventDescriptor byClass = EventCatalog.of(UserRegistered.class);

        assertThat(byClass).isEqualTo(new EventDescriptor("therapy.auth.UserRegistered.v1", Topics.IDENTITY,
                "/auth-service", UserRegistered.class));
        assertThat(EventCatalog.byType("therapy.auth.UserRegistered.v1")).contains(byClass);
        assertThat(byClass.schemaResource()).isEqualTo("events/schemas/therapy.auth.UserRegistered.v1.json");
        assertThat(byClass.sampleResource()).isEqualTo("events/samples/therapy.auth.UserRegistered.v1.json");
    }

    @Test
    void knowsNothingOfUnregisteredTypesOrClasses() {
        record Unregistered(String id) implements DomainEvent {
            @Override
            public String aggregateId() {
                return id;
            }
        }

        assertThat(EventCatalog.byType("therapy.auth.UserRegistered.v2")).isEmpty();
        assertThatThrownBy(() -> EventCatalog.of(Unregistered.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not registered");
    }
}
