package io.therapyms.events;

/**
 * The {@code data} of an event: one record per event type, registered in {@link EventCatalog}.
 * Records carry ids, states and times only, never clinical content.
 */
public interface DomainEvent {

    /** The id of the aggregate the event is about: the CloudEvent {@code subject} and the Kafka record key. */
    String aggregateId();
}
